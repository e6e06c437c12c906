package coso_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// domainPackages hold the nouns and rules; they must not depend on any
// technology, so they import only the standard library, the root package
// and viet.
var domainPackages = []string{".", "place", "household", "account", "viet", "calendar", "disclosure", "decision", "petition", "consultation", "upload"}

var forbidden = []string{"coso/store", "coso/web", "coso/api", "coso/app", "database/sql", "net/http/httptest"}

func TestDomainPackagesImportNoTechnology(t *testing.T) {
	for _, dir := range domainPackages {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			af, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range af.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				for _, bad := range forbidden {
					if p == bad || strings.HasPrefix(p, bad+"/") {
						t.Errorf("%s imports %s: a domain package must not depend on storage or the web", f, p)
					}
				}
			}
		}
	}
}
