package bench

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"maps"
	mrand "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"coso/app"
	"coso/calendar"
	"coso/demo"
	"coso/disclosure"
	"coso/place"
	"coso/store"
)

// Sizes of the seeded province, overridable from the environment.
var (
	totalDisclosures   = envInt("COSO_BENCH_DISCLOSURES", 100_000)
	communeDisclosures = envInt("COSO_BENCH_COMMUNE", 12_000) // in the benchmarked commune, part of the total
)

// benchCommune is the ward whose list is served.
const benchCommune = "14758"

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// seeded is a store filled once per engine and shared by every benchmark.
type seeded struct {
	once   sync.Once
	store  *store.Store
	err    error
	dir    string
	schema string // PostgreSQL: the schema that holds the tables
	drop   func()
}

var engines = map[string]*seeded{"sqlite": {}, "postgres": {}}

func TestMain(m *testing.M) {
	code := m.Run()
	keep := os.Getenv("COSO_BENCH_KEEP") != ""
	for name, e := range engines {
		if e.store != nil {
			e.store.Close()
		}
		if os.Getenv("COSO_BENCH_SQLITE") != "" && name == "sqlite" || os.Getenv("COSO_BENCH_SCHEMA") != "" && name == "postgres" {
			continue // reused: not ours to remove
		}
		if keep && e.err == nil && e.dir != "" {
			fmt.Fprintf(os.Stderr, "bench: kept the %s store: data directory %s, schema %s\n", name, e.dir, e.schema)
			continue
		}
		if e.drop != nil {
			e.drop()
		}
		if e.dir != "" {
			os.RemoveAll(e.dir)
		}
	}
	os.Exit(code)
}

// each runs fn on SQLite, and on PostgreSQL when COSO_TEST_POSTGRES is set.
func each(b *testing.B, fn func(b *testing.B, s *store.Store)) {
	for _, name := range []string{"sqlite", "postgres"} {
		if name == "postgres" && os.Getenv("COSO_TEST_POSTGRES") == "" {
			continue
		}
		b.Run(name, func(b *testing.B) {
			s := open(b, name)
			fn(b, s)
		})
	}
}

func open(b *testing.B, name string) *store.Store {
	e := engines[name]
	e.once.Do(func() {
		start := time.Now()
		if reused(name, e) {
			fmt.Fprintf(os.Stderr, "bench: %s reuses a kept store (%s%s)\n", name, os.Getenv("COSO_BENCH_SQLITE"), e.schema)
			return
		}
		e.dir, e.err = os.MkdirTemp("", "coso-bench-")
		if e.err != nil {
			return
		}
		cfg := store.Config{DataDir: e.dir}
		if name == "postgres" {
			cfg.DSN, e.schema, e.drop, e.err = pgSchema(os.Getenv("COSO_TEST_POSTGRES"))
			if e.err != nil {
				return
			}
		}
		if e.store, e.err = store.Open(context.Background(), cfg); e.err != nil {
			return
		}
		e.err = seed(context.Background(), e.store)
		fmt.Fprintf(os.Stderr, "bench: %s seeded with %d disclosures (%d in %s) in %s\n",
			name, totalDisclosures, communeDisclosures, benchCommune, time.Since(start).Round(time.Second))
	})
	if e.err != nil {
		b.Fatal(e.err)
	}
	return e.store
}

// reused opens a store kept by an earlier run (COSO_BENCH_KEEP=1), named
// by COSO_BENCH_SQLITE (its data directory) or COSO_BENCH_SCHEMA (its
// PostgreSQL schema), instead of seeding a new one: for profiling one
// benchmark again and again. It is neither dropped nor removed.
func reused(name string, e *seeded) bool {
	cfg := store.Config{DataDir: os.Getenv("COSO_BENCH_SQLITE")}
	if name == "postgres" {
		e.schema = os.Getenv("COSO_BENCH_SCHEMA")
		if e.schema == "" {
			return false
		}
		u, err := url.Parse(os.Getenv("COSO_TEST_POSTGRES"))
		if err != nil {
			e.err = err
			return true
		}
		q := u.Query()
		q.Set("search_path", e.schema)
		u.RawQuery = q.Encode()
		cfg = store.Config{DataDir: filepath.Join(os.TempDir(), "coso-bench-reuse"), DSN: u.String()}
	} else if cfg.DataDir == "" {
		return false
	}
	e.store, e.err = store.Open(context.Background(), cfg)
	return true
}

// pgSchema makes a fresh schema of the test database and a DSN using it.
func pgSchema(dsn string) (string, string, func(), error) {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", "", nil, err
	}
	defer admin.Close()
	buf := make([]byte, 6)
	_, _ = rand.Read(buf)
	schema := "bench_" + hex.EncodeToString(buf)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		return "", "", nil, err
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), schema, func() {
		if a, err := sql.Open("pgx", dsn); err == nil {
			_, _ = a.Exec("DROP SCHEMA " + schema + " CASCADE")
			a.Close()
		}
	}, nil
}

// seed loads Thanh Hóa's 166 communes (the demo) and spreads made-up
// disclosures over them, communeDisclosures of them in benchCommune.
func seed(ctx context.Context, s *store.Store) error {
	if _, err := demo.Load(ctx, s); err != nil {
		return err
	}
	province, err := s.UnitByCode(ctx, demo.ProvinceCode)
	if err != nil {
		return err
	}
	communes, err := s.Units(ctx, store.UnitFilter{ParentID: province.ID, Kinds: []place.Kind{place.Commune, place.Ward}})
	if err != nil {
		return err
	}
	target, err := s.UnitByCode(ctx, benchCommune)
	if err != nil {
		return err
	}
	others := slices.DeleteFunc(communes, func(u *place.Unit) bool { return u.ID == target.ID })
	rnd := mrand.New(mrand.NewPCG(demo.Seed, 8))
	today := calendar.DayOf(s.Now())
	batch := make([]*disclosure.Disclosure, 0, 5000)
	for i := range totalDisclosures {
		// The ward's share is spread evenly over the import, as a commune
		// publishes month after month beside the others.
		unit := others[rnd.IntN(len(others))]
		if (i+1)*communeDisclosures/totalDisclosures > i*communeDisclosures/totalDisclosures {
			unit = target
		}
		batch = append(batch, fakeDisclosure(rnd, unit, today))
		if len(batch) == cap(batch) || i == totalDisclosures-1 {
			if err := s.ImportDisclosures(ctx, batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	return nil
}

// Words that commune notices are made of.
var (
	subjects = []string{"hộ nghèo", "hộ cận nghèo", "người có công", "trẻ em mồ côi", "người cao tuổi", "hộ bị thiệt hại do bão",
		"công dân nhập ngũ", "học sinh khó khăn", "hộ tái định cư", "người khuyết tật", "hộ sản xuất lúa", "hộ nuôi trồng thủy sản"}
	actions = []string{"Danh sách", "Kết quả bình xét", "Quyết định phê duyệt", "Thông báo", "Kế hoạch", "Báo cáo", "Phương án", "Dự thảo"}
	things  = []string{"hỗ trợ tiền điện", "hỗ trợ làm nhà ở", "cấp thẻ bảo hiểm y tế", "hỗ trợ học phí", "bồi thường giải phóng mặt bằng",
		"đóng góp xây dựng đường giao thông nông thôn", "quyết toán ngân sách", "thu phí vệ sinh môi trường", "kiên cố hóa kênh mương",
		"xây dựng nhà văn hóa", "cấp giống cây trồng", "sửa chữa trường mầm non", "quy hoạch khu dân cư", "tiêm chủng mở rộng"}
	places = []string{"thôn Đông", "thôn Đoài", "thôn Nam", "thôn Bắc", "thôn Trung", "bản Lát", "tổ dân phố Nam Ngạn", "tổ dân phố Đông Sơn",
		"xóm Mới", "thôn Phượng Mao", "thôn Kim Sơn", "làng Bút Sơn"}
	fillers = []string{"theo quy định", "được Ủy ban nhân dân phê duyệt", "niêm yết tại nhà văn hóa", "trong thời gian 30 ngày",
		"mức hỗ trợ", "triệu đồng", "tổng kinh phí", "người dân có ý kiến", "gửi về bộ phận một cửa", "Mặt trận Tổ quốc giám sát",
		"trưởng thôn thông báo", "hộ gia đình", "diện tích", "kinh phí từ ngân sách tỉnh", "công trình", "năm 2026", "quý III"}
)

func pick(r *mrand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

func fakeDisclosure(r *mrand.Rand, u *place.Unit, today time.Time) *disclosure.Disclosure {
	title := fmt.Sprintf("%s %s %s %s năm %d", pick(r, actions), pick(r, subjects), pick(r, things), pick(r, places), 2024+r.IntN(3))
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s. ", pick(r, actions), pick(r, things), pick(r, places))
	for range 2 + r.IntN(5) {
		fmt.Fprintf(&b, "%s %d %s, %s. ", pick(r, fillers), 1+r.IntN(500), pick(r, fillers), pick(r, fillers))
	}
	decided := today.AddDate(0, 0, -(10 + r.IntN(700)))
	return &disclosure.Disclosure{UnitID: u.ID, Category: strconv.Itoa(1 + r.IntN(14)), Title: title, Body: b.String(),
		DecidedOn: decided, PublishedOn: decided.AddDate(0, 0, 1+r.IntN(9))}
}

// BenchmarkCommuneList serves the first page of a commune's disclosure list
// (the ward holds communeDisclosures of the province's totalDisclosures)
// through the whole platform as configured by default (with the page
// cache), through the platform with the page cache turned off (every
// request reads the database and renders the page), and the same bytes
// through a Go file server, in the same run.
func BenchmarkCommuneList(b *testing.B) {
	each(b, func(b *testing.B, s *store.Store) {
		path := "/units/" + benchCommune + "/disclosures"
		cached := platform(b, s, 0)
		uncached := platform(b, s, -1)
		page := fetch(b, cached+path)
		if other := fetch(b, uncached+path); string(other) != string(page) {
			b.Fatal("the cached and the uncached page differ")
		}
		dir := b.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "disclosures.html"), page, 0o644); err != nil {
			b.Fatal(err)
		}
		files := httptest.NewServer(http.FileServer(http.Dir(dir)))
		defer files.Close()
		b.Run("coso", func(b *testing.B) { serve(b, cached+path, len(page)) })
		b.Run("coso-uncached", func(b *testing.B) { serve(b, uncached+path, len(page)) })
		b.Run("fileserver", func(b *testing.B) { serve(b, files.URL+"/disclosures.html", len(page)) })
	})
}

// platform starts the platform over s with the given page cache (bytes; 0:
// the default, negative: off) and returns its address.
func platform(b *testing.B, s *store.Store, pageCache int64) string {
	a, err := app.NewWithStore(s, app.Config{KeyDir: b.TempDir(), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), PageCache: pageCache})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	b.Cleanup(srv.Close)
	return srv.URL
}

func fetch(b *testing.B, u string) []byte {
	res, err := http.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		b.Fatalf("%s: %d", u, res.StatusCode)
	}
	return body
}

// serve requests u from parallel clients and reports requests per second
// and the response size.
func serve(b *testing.B, u string, size int) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			res, err := client.Get(u)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				b.Errorf("status %d", res.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
	reportLoad(b)
}

// reportLoad reports the machine's load average over the last minute
// (Linux), so that a run on a busy machine shows as one.
func reportLoad(b *testing.B) {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return
	}
	if f := strings.Fields(string(data)); len(f) > 0 {
		if load, err := strconv.ParseFloat(f[0], 64); err == nil {
			b.ReportMetric(load, "load1")
		}
	}
}

// queries are what people type: without diacritics, one to four words,
// the last one sometimes unfinished.
var queries = []string{"ho ngheo", "ho tro tien dien", "danh sach ho can ngheo", "bao hiem y te", "hoc phi", "giai phong mat bang",
	"nha van hoa", "thon dong", "quyet toan ngan sach", "phi ve sinh", "ket qua binh xet", "to dan pho nam ngan", "kenh muong",
	"nguoi co cong", "tai dinh cu", "giong cay trong", "tiem chung", "truong mam non", "du thao quy hoach", "nguoi khuyet tat",
	"ho tro lam nha", "thuy san", "cap the", "duong giao thong nong thon", "mat tran to quoc giam sat", "thong bao ho", "xom moi", "ban lat",
	"ke hoach xay dung", "nam 2026"}

// BenchmarkSearch runs accent-insensitive ranked searches (the first 30
// results, with marks) over every disclosure of the province and reports
// the 50th, 95th and 99th percentile latencies.
func BenchmarkSearch(b *testing.B) {
	each(b, func(b *testing.B, s *store.Store) {
		ctx := context.Background()
		for _, scope := range []struct {
			name string
			unit string
		}{{"province", demo.ProvinceCode}, {"commune", benchCommune}} {
			u, err := s.UnitByCode(ctx, scope.unit)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(scope.name, func(b *testing.B) {
				lat := make([]time.Duration, 0, b.N)
				worst := map[string]time.Duration{}
				b.ResetTimer()
				for i := range b.N {
					start := time.Now()
					page, err := s.Disclosures(ctx, store.DisclosureFilter{UnitID: u.ID, Query: queries[i%len(queries)], Limit: 30})
					took := time.Since(start)
					lat = append(lat, took)
					worst[queries[i%len(queries)]] = max(worst[queries[i%len(queries)]], took)
					if err != nil {
						b.Fatal(err)
					}
					if len(page.Hits) == 0 {
						b.Fatalf("%q found nothing", queries[i%len(queries)])
					}
				}
				b.StopTimer()
				slices.Sort(lat)
				q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
				b.ReportMetric(q(0.50), "p50-ms")
				b.ReportMetric(q(0.95), "p95-ms")
				b.ReportMetric(q(0.99), "p99-ms")
				reportLoad(b)
				logSlowest(b, worst)
			})
		}
	})
}

// logSlowest names the queries that took longest, to show where the tail
// comes from.
func logSlowest(b *testing.B, worst map[string]time.Duration) {
	qs := slices.SortedFunc(maps.Keys(worst), func(x, y string) int { return cmp.Compare(worst[y], worst[x]) })
	var line strings.Builder
	for _, q := range qs[:min(5, len(qs))] {
		fmt.Fprintf(&line, " %q %s;", q, worst[q].Round(time.Millisecond))
	}
	b.Logf("slowest:%s", line.String())
}
