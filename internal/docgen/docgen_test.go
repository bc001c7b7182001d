package docgen

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated tables of docs/platform.md")

// TestPlatformDoc fails when docs/platform.md's generated tables differ from the Go tables
// (make generate rewrites them with -update).
func TestPlatformDoc(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "platform.md")
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Apply(string(doc))
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != string(doc) {
		t.Fatal("docs/platform.md's generated tables differ from the code: run make generate and commit the result")
	}
}

func TestApplyRefusesUnknownAndMissingBlocks(t *testing.T) {
	all := ""
	for name := range Tables {
		all += "<!-- generated: " + name + " -->\nold\n<!-- end generated -->\n"
	}
	if _, err := Apply(all + "<!-- generated: nope -->\n<!-- end generated -->\n"); err == nil {
		t.Error("an unknown block was accepted")
	}
	if _, err := Apply("<!-- generated: quotas -->\n<!-- end generated -->\n"); err == nil {
		t.Error("a document without every table was accepted")
	}
	out, err := Apply(all)
	if err != nil || out == all {
		t.Errorf("Apply did not fill the blocks: %v", err)
	}
}
