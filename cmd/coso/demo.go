package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

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
	if !loaded {
		fmt.Fprintln(e.stdout, "Kho dữ liệu đã có dữ liệu, không nạp lại / the store already holds data; demo not reloaded.")
		return nil
	}
	fmt.Fprintln(e.stdout, "Đã nạp dữ liệu mẫu / demo data loaded: Tỉnh Thanh Hóa (38).")
	signins, err := demo.Accounts(ctx, s)
	if err != nil {
		return err
	}
	return printSignins(e.stdout, signins)
}

// printSignins lists the demo accounts and how to sign in with each.
func printSignins(w io.Writer, signins []demo.Signin) error {
	fmt.Fprintf(w, "\nTài khoản mẫu / demo accounts — mật khẩu chung / shared password: %s\n", demo.Password)
	fmt.Fprintln(w, "Mã xác thực (nếu vai trò cần) / authentication code (where the role needs one): coso users code --username U")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VAI TRÒ / ROLE\tĐƠN VỊ / UNIT\tTÊN ĐĂNG NHẬP / USERNAME\tMÃ / CODE")
	for _, si := range signins {
		code := "—"
		if si.TOTP {
			code = "coso users code --username " + si.Username
		}
		fmt.Fprintf(tw, "%s\t%s %s\t%s\t%s\n", si.Role, si.UnitCode, si.UnitName, si.Username, code)
	}
	return tw.Flush()
}
