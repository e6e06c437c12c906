package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
)

// The measures of a bar chart, in SVG user units: one row per bar, its
// label above it so long village names fit on a 360 px phone.
const (
	chartWidth     = 640
	chartTop       = 40 // below the title
	chartRow       = 44 // label line and bar
	chartBar       = 16
	chartLabelY    = 16 // a label's baseline in its row
	chartBarY      = 22 // a bar's top in its row
	chartValueGap  = 6
	chartValueRoom = 90 // room right of the longest bar for its value
	chartBottom    = 8
	chartFont      = "sans-serif" // the reader's own font, nothing to fetch
	chartInk       = "#111111"
	chartBarFill   = "#1f4e79" // 8.6:1 on white
)

// BarChart draws a horizontal bar chart as SVG. It is accessible: the
// chart has a <title> and a <desc> listing every value, each bar a
// <title>, and labels and values are text, not pictures. It uses only
// presentation attributes (no style), so it passes a strict
// Content-Security-Policy inline or as an image. Numbers are written the
// Vietnamese way ("1.250", "62,5"); negative or undefined values draw no
// bar. Labels and values are paired by position; extra labels are
// ignored, missing ones are empty.
func BarChart(title string, labels []string, values []float64) []byte {
	id := chartID(title, labels, values)
	height := chartTop + chartRow*len(values) + chartBottom
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-t %s-d" font-family="%s" fill="%s">`+"\n",
		chartWidth, height, id, id, chartFont, chartInk)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title>`+"\n", id, esc(title))
	fmt.Fprintf(&b, `<desc id="%s-d">%s</desc>`+"\n", id, esc(chartDesc(labels, values)))
	fmt.Fprintf(&b, `<text x="0" y="24" font-size="18" font-weight="bold">%s</text>`+"\n", esc(title))
	top := maxValue(values)
	for i, v := range values {
		bar(&b, label(labels, i), v, top, chartTop+i*chartRow)
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// bar draws one row: the label, the bar, the value after it.
func bar(b *bytes.Buffer, name string, v, top float64, y int) {
	w := 0.0
	if top > 0 && v > 0 && !math.IsInf(v, 0) {
		w = math.Round(v/top*(chartWidth-chartValueRoom)*10) / 10
	}
	fmt.Fprintf(b, `<g><title>%s: %s</title>`, esc(name), formatNumber(v))
	fmt.Fprintf(b, `<text x="0" y="%d" font-size="14">%s</text>`, y+chartLabelY, esc(name))
	fmt.Fprintf(b, `<rect x="0" y="%d" width="%s" height="%d" fill="%s"/>`, y+chartBarY, strconv.FormatFloat(w, 'f', -1, 64), chartBar, chartBarFill)
	fmt.Fprintf(b, `<text x="%s" y="%d" font-size="14">%s</text></g>`+"\n",
		strconv.FormatFloat(w+chartValueGap, 'f', -1, 64), y+chartBarY+chartBar-3, formatNumber(v))
}

// chartDesc lists the values for screen readers: "Bản A: 12; Bản B: 30".
func chartDesc(labels []string, values []float64) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = label(labels, i) + ": " + formatNumber(v)
	}
	return strings.Join(parts, "; ")
}

// chartID makes the ids of a chart's title and description unique on a
// page that shows several charts, and the same for the same chart.
func chartID(title string, labels []string, values []float64) string {
	h := fnv.New32a()
	fmt.Fprint(h, title, labels, values)
	return fmt.Sprintf("chart%08x", h.Sum32())
}

func label(labels []string, i int) string {
	if i < len(labels) {
		return labels[i]
	}
	return ""
}

func maxValue(values []float64) float64 {
	top := 0.0
	for _, v := range values {
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			top = max(top, v)
		}
	}
	return top
}

// formatNumber writes v the Vietnamese way, with at most two decimals:
// 1250 "1.250", 62.5 "62,5", -3 "-3".
func formatNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // not "-0"
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	sign := ""
	if strings.HasPrefix(whole, "-") {
		sign, whole = "-", whole[1:]
	}
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "." + whole[i:]
	}
	if frac != "" {
		return sign + whole + "," + frac
	}
	return sign + whole
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
