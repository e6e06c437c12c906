// Package bench holds benchmarks that compare the platform with a
// reference measured in the same run (a Go file server serving the same
// bytes). They seed province-scale data, so they run only when asked:
//
//	go test ./bench/ -run '^$' -bench . -benchtime 2000x
//
// With COSO_TEST_POSTGRES set they run on PostgreSQL too. The sizes come
// from COSO_BENCH_DISCLOSURES (default 100,000 in the province) and
// COSO_BENCH_COMMUNE (default 12,000 of them in the benchmarked ward).
// COSO_BENCH_KEEP=1 keeps the seeded stores and prints where they are;
// COSO_BENCH_SQLITE=DIR and COSO_BENCH_SCHEMA=NAME run on kept ones
// instead of seeding (for profiling with -cpuprofile).
//
// See BENCHMARKS.md for the numbers and what they mean.
package bench
