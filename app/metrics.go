package app

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

var requestDuration = promauto.NewHistogramVec(prometheus.HistogramOpts{
	Name:    "coso_http_request_duration_seconds",
	Help:    "Time to answer HTTP requests, by route pattern and status.",
	Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
}, []string{"method", "route", "status"})

func observe(r *http.Request, status int, d time.Duration) {
	requestDuration.WithLabelValues(r.Method, routeLabel(r), strconv.Itoa(status)).Observe(d.Seconds())
}

func metricsHandler() http.Handler { return promhttp.Handler() }
