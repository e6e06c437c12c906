// Package bench holds benchmarks that compare the platform with a
// reference measured in the same run (a Go file server serving the same
// bytes). They seed province-scale data, so they run only when asked:
//
//	go test ./bench/ -run '^$' -bench . -benchtime 2000x
//
// See BENCHMARKS.md for the numbers and what they mean.
package bench
