package main

import (
	"context"
	"fmt"

	"coso/demo"
	"coso/store"
)

// loadDemo fills an empty store with the demo province and prints the
// demo sign-ins.
func loadDemo(ctx context.Context, e *env, s *store.Store) error {
	loaded, err := demo.Load(ctx, s)
	if err != nil {
		return err
	}
	if loaded {
		fmt.Fprintln(e.stdout, "Đã nạp dữ liệu mẫu / demo data loaded: Tỉnh Thanh Hóa (38).")
	} else {
		fmt.Fprintln(e.stdout, "Kho dữ liệu đã có dữ liệu, không nạp lại / the store already holds data; demo not reloaded.")
	}
	return nil
}
