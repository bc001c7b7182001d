# terraform-provider-platform: one entry point for building, testing, docs and the demo.
# Everything runs offline: the only downloads are Go modules (the Go module proxy). Build output,
# tools, the demo's database and Terraform state all go to .build/ (ignored); $HOME is never
# written to.

GO        ?= go
BUILD_DIR := $(CURDIR)/.build
BIN_DIR   := $(BUILD_DIR)/bin
TOOLS_DIR := $(BUILD_DIR)/tools
PKGS      := ./...
FUZZTIME  ?= 30s
# The provider's acceptance tests run terraform; they get their own go test invocation
# (see unit) and the rest of the suite runs with -race.
PROVIDER_PKG := ./internal/provider/...
OTHER_PKGS    = $$($(GO) list $(PKGS) | grep -v '/internal/provider')
# The acceptance tests mostly wait (terraform processes, cluster delays, an expiry), so more of
# them run at once than there are cores.
PROVIDER_PARALLEL ?= 8

# Go tools (golangci-lint, goreleaser, tfplugindocs) are pinned in tools/go.mod, a separate
# module, so the provider's go.mod stays small. `go tool` builds them once into the Go cache.
TOOL := $(GO) tool -modfile=$(CURDIR)/tools/go.mod

# The version `make install` gives the local provider build (the mirror needs a version).
PROVIDER_VERSION ?= 0.1.0
GOOS_ARCH        := $(shell $(GO) env GOOS)_$(shell $(GO) env GOARCH)
MIRROR_DIR       := $(BUILD_DIR)/mirror
# Both registry hosts: `platform-iac/platform` means registry.terraform.io/... to Terraform and
# registry.opentofu.org/... to OpenTofu; the mirror serves either CLI.
PROVIDER_ADDRS   := registry.terraform.io/platform-iac/platform registry.opentofu.org/platform-iac/platform

# Terraform or OpenTofu: TF_ACC_TERRAFORM_PATH if set, else terraform or tofu on PATH, else
# OpenTofu built from the Go module proxy into .build/tools (see scripts/build-cli.sh).
# terraform-plugin-testing and tfplugindocs would download a terraform otherwise; this build never
# downloads one.
TOFU_VERSION ?= v1.12.6
TOFU_LOCAL   := $(TOOLS_DIR)/tofu-$(TOFU_VERSION)/tofu
TF_BIN       ?= $(or $(TF_ACC_TERRAFORM_PATH),$(shell command -v terraform 2>/dev/null),$(shell command -v tofu 2>/dev/null),$(TOFU_LOCAL))
TF_IS_TOFU   := $(findstring tofu,$(notdir $(TF_BIN)))

# Every terraform run by this Makefile (acceptance tests, examples, docs, demo) reads this CLI
# configuration: the local filesystem mirror for platform-iac/platform, nothing from $HOME.
TF_CLI_CONFIG := $(BUILD_DIR)/terraformrc
export TF_CLI_CONFIG_FILE := $(TF_CLI_CONFIG)
export CHECKPOINT_DISABLE := 1

PROVIDER_TEST_ENV = TF_ACC=1 TF_ACC_TERRAFORM_PATH="$(TF_BIN)" \
  $(if $(TF_IS_TOFU),TF_ACC_PROVIDER_HOST=registry.opentofu.org TF_ACC_PROVIDER_NAMESPACE=hashicorp)

.PHONY: help test unit test-matrix test-matrix-all testacc race-provider tf cli-config fuzz bench vet fmt-check boundaries lint build \
  install serve demo generate docs docs-check examples-check module-test bench-e2e release-snapshot clean

## help: every target, one line each
help:
	@sed -n 's/^## \([a-z0-9-]*\): \(.*\)/\1\t\2/p' $(MAKEFILE_LIST) | expand -t 18

## test: every test, offline: gofmt, vet, boundaries, lint, examples, generated files and docs, all tests
# Formatting, vet, package boundaries, lint (golangci-lint and goreleaser check), the examples
# (terraform fmt, validate), docs drift, then unit, integration and acceptance tests (the
# generated OpenAPI document and platform.md tables are checked by Go tests), the acceptance
# tests' CLI subset on Terraform 1.13.3 and OpenTofu 1.12.6 (test-matrix-all), and the modules'
# terraform test files.
test: fmt-check vet boundaries lint examples-check docs-check unit test-matrix-all module-test

## fmt-check: fail when a Go file is not gofmt-formatted
fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go') 2>/dev/null); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

## vet: go vet of every package
vet:
	$(GO) vet $(PKGS)

## boundaries: the domain (internal/platform) imports only the standard library
# golangci-lint's depguard checks the other boundaries file by file; this checks the whole
# dependency graph.
boundaries:
	@bad=$$($(GO) list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' ./internal/platform | grep -v '^github.com/platform-iac/terraform-provider-platform/internal/platform$$' || true); \
	if [ -n "$$bad" ]; then echo "internal/platform must import only the standard library, found:"; echo "$$bad"; exit 1; fi

## lint: golangci-lint (.golangci.yml, with the package boundaries) and goreleaser check
lint:
	$(TOOL) golangci-lint run $(PKGS)
	$(TOOL) goreleaser check

## unit: every Go test: the server's with -race, then the provider's acceptance tests
# Fuzz targets run their seed corpus as ordinary tests here. The provider package runs its
# acceptance tests (TF_ACC=1) against in-process reference servers with the local terraform, in
# parallel; without -race, which roughly doubles their time while the race-prone code (client,
# server, store) is raced in the first invocation. Run `make race-provider` to race it too.
unit: tf
	$(GO) test -count=1 -race -timeout 10m $(OTHER_PKGS)
	$(PROVIDER_TEST_ENV) $(GO) test -count=1 -parallel $(PROVIDER_PARALLEL) -timeout 15m $(PROVIDER_PKG)

## race-provider: the provider's acceptance tests under the race detector
race-provider: tf
	$(PROVIDER_TEST_ENV) $(GO) test -count=1 -race -parallel $(PROVIDER_PARALLEL) -timeout 20m $(PROVIDER_PKG)

## testacc: only the provider's acceptance tests (TESTARGS="-run TestAccWorkspace" to narrow)
testacc: tf
	$(PROVIDER_TEST_ENV) $(GO) test -count=1 -parallel $(PROVIDER_PARALLEL) -timeout 15m $(TESTARGS) $(PROVIDER_PKG)

## tf: make sure terraform or tofu is there (building OpenTofu if need be), write the CLI configuration
tf: cli-config
ifeq ($(TF_BIN),$(TOFU_LOCAL))
tf: $(TOFU_LOCAL)
	@echo "Using OpenTofu $(TOFU_VERSION) built in $(patsubst $(CURDIR)/%,%,$(TOFU_LOCAL)): neither terraform nor tofu is on PATH."
endif

# Terraform and OpenTofu from the Go module proxy (scripts/build-cli.sh: `go install` refuses both,
# and Terraform's module leaves out its cloud state backends, which the build drops).
$(TOOLS_DIR)/tofu-v%/tofu:
	@echo "Building OpenTofu v$* from the Go module proxy into $(patsubst $(CURDIR)/%,%,$@) (once; a few minutes)."
	@GO="$(GO)" scripts/build-cli.sh tofu v$* $@

$(TOOLS_DIR)/terraform-v%/terraform:
	@echo "Building Terraform v$* from the Go module proxy into $(patsubst $(CURDIR)/%,%,$@) (once; a few minutes)."
	@GO="$(GO)" scripts/build-cli.sh terraform v$* $@

## test-matrix: the acceptance tests' CLI subset on one CLI: make test-matrix CLI=tofu-1.12.6
# The matrix: the full acceptance suite runs on the machine's terraform (unit); MATRIX_RUN, the
# features that differ between CLIs, runs on each of MATRIX_CLIS too (test-matrix-all, part of
# test). MATRIX_RUN selects every resource's create/import/update/destroy test (the _basic test,
# or the one that imports where there is no _basic), identity tests, ephemeral resources and
# write-only attributes (TestAccSecretResource_writeOnly), provider functions. CLI=<terraform|tofu>-<version> runs
# the CLI on PATH when it is that version, else the one built into .build/tools.
MATRIX_CLIS ?= terraform-1.13.3 tofu-1.12.6
MATRIX_RUN  ?= ^TestAcc[A-Za-z]*Resource_basic$$|^TestAcc(InstallationResource_product|ProjectMemberResource_override|SecretResource_writeOnly)$$|^TestAcc[A-Za-z_]*(Identity|Ephemeral|Function)
CLI         ?= $(notdir $(TF_BIN))-$(shell "$(TF_BIN)" version 2>/dev/null | sed -n '1s/^[A-Za-z]* v//p')
CLI_NAME     = $(firstword $(subst -, ,$(CLI)))
CLI_VERSION  = $(patsubst $(CLI_NAME)-%,%,$(CLI))
CLI_ON_PATH  = $(shell p=$$(command -v $(CLI_NAME)) && $$p version 2>/dev/null | head -n 1 | grep -qi "^[a-z]* v$(CLI_VERSION)$$" && echo $$p)
CLI_BIN      = $(or $(CLI_ON_PATH),$(TOOLS_DIR)/$(CLI_NAME)-v$(CLI_VERSION)/$(CLI_NAME))
test-matrix: cli-config
	@bin="$(CLI_BIN)"; 	if [ ! -x "$$bin" ] && ! $(MAKE) --no-print-directory "$$bin"; then 	  echo "== MATRIX $(CLI): NOT TESTED: $(CLI_NAME) $(CLI_VERSION) could not be built from the Go module proxy (see above)"; 	  exit $(if $(MATRIX_BUILD_OPTIONAL),0,1); 	fi; 	echo "== MATRIX $(CLI): $$("$$bin" version | head -n 1) ($(patsubst $(CURDIR)/%,%,$(CLI_BIN)))"; 	TF_ACC=1 TF_ACC_TERRAFORM_PATH="$$bin" 	  $(if $(findstring tofu,$(CLI_NAME)),TF_ACC_PROVIDER_HOST=registry.opentofu.org TF_ACC_PROVIDER_NAMESPACE=hashicorp) 	  GO="$(GO)" CLI="$(CLI)" PARALLEL=$(PROVIDER_PARALLEL) RUN='$(MATRIX_RUN)' scripts/test-matrix.sh

## test-matrix-all: test-matrix on every CLI of MATRIX_CLIS (a CLI that cannot be built is reported, not failed)
test-matrix-all:
	@for c in $(MATRIX_CLIS); do $(MAKE) --no-print-directory test-matrix CLI=$$c MATRIX_BUILD_OPTIONAL=1 || exit 1; done

## cli-config: write .build/terraformrc (the provider from the local mirror, nothing from $HOME)
# The CLI configuration: platform-iac/platform from the local mirror (see install), every other
# provider as usual. Terraform warns when TF_CLI_CONFIG_FILE names a missing file, so it is
# always written first.
cli-config:
	@mkdir -p $(MIRROR_DIR)
	@printf '%s\n' \
	  '# Written by make (cli-config): the local filesystem mirror of make install.' \
	  'provider_installation {' \
	  '  filesystem_mirror {' \
	  '    path    = "$(MIRROR_DIR)"' \
	  '    include = [$(foreach a,$(PROVIDER_ADDRS),"$(a)",)]' \
	  '  }' \
	  '  direct {' \
	  '    exclude = [$(foreach a,$(PROVIDER_ADDRS),"$(a)",)]' \
	  '  }' \
	  '}' > $(TF_CLI_CONFIG)

## build: the provider and platform-server into .build/bin
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-X main.version=$(PROVIDER_VERSION)" \
	  -o $(BIN_DIR)/terraform-provider-platform .
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-X main.version=$(PROVIDER_VERSION)" \
	  -o $(BIN_DIR)/platform-server ./cmd/platform-server

## install: the provider into the filesystem mirror .build/mirror, for offline terraform init
# HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/terraform-provider-platform_vVERSION, so that
# `terraform init` finds platform-iac/platform offline with TF_CLI_CONFIG_FILE=.build/terraformrc.
install: build cli-config
	@for addr in $(PROVIDER_ADDRS); do \
	  d=$(MIRROR_DIR)/$$addr/$(PROVIDER_VERSION)/$(GOOS_ARCH); \
	  rm -rf $(MIRROR_DIR)/$$addr; mkdir -p $$d; \
	  cp $(BIN_DIR)/terraform-provider-platform $$d/terraform-provider-platform_v$(PROVIDER_VERSION); \
	done
	@echo "Installed platform-iac/platform $(PROVIDER_VERSION) ($(GOOS_ARCH)) into $(patsubst $(CURDIR)/%,%,$(MIRROR_DIR))."
	@echo "Use it with: export TF_CLI_CONFIG_FILE=$(TF_CLI_CONFIG)"

## serve: run the reference server alone on 127.0.0.1:8080 (SQLite in .build/data)
serve:
	$(GO) run ./cmd/platform-server --data-dir $(BUILD_DIR)/data

## demo: build, start the reference server, apply examples/quickstart, plan again, destroy
QUICKSTART ?= examples/quickstart
demo: install tf
	@TF="$(TF_BIN)" BUILD_DIR="$(BUILD_DIR)" SERVER_BIN="$(BIN_DIR)/platform-server" \
	  QUICKSTART="$(QUICKSTART)" scripts/demo.sh

## examples-check: every example is terraform fmt clean; the quickstart validates
examples-check: install tf
	"$(TF_BIN)" fmt -check -recursive -diff examples
	@rm -rf $(BUILD_DIR)/validate && mkdir -p $(BUILD_DIR)/validate && cp -R examples/quickstart $(BUILD_DIR)/validate/
	cd $(BUILD_DIR)/validate/quickstart && TF_DATA_DIR=$(BUILD_DIR)/validate/.terraform \
	  "$(TF_BIN)" init -backend=false -input=false >/dev/null && \
	  TF_DATA_DIR=$(BUILD_DIR)/validate/.terraform "$(TF_BIN)" validate

## module-test: `terraform test` of every module in examples/modules against a fresh reference server
module-test: install tf
	@TF="$(TF_BIN)" BUILD_DIR="$(BUILD_DIR)" SERVER_BIN="$(BIN_DIR)/platform-server" scripts/module-test.sh

## generate: regenerate everything generated: OpenAPI document, platform.md tables, provider docs
generate: docs
	$(GO) test ./internal/platform/httpapi/internal/openapigen -run TestDocument -count=1 -update
	$(GO) test ./internal/docgen -run TestPlatformDoc -count=1 -update

## docs: regenerate the provider docs in docs/ (tfplugindocs, offline) from the schema, templates/ and examples/
docs: install tf
	@TF="$(TF_BIN)" BUILD_DIR="$(BUILD_DIR)" TOOL="$(TOOL)" scripts/docs.sh docs

## docs-check: fail when docs/ is not what make docs would generate
docs-check: install tf
	@rm -rf $(BUILD_DIR)/docs-check && mkdir -p $(BUILD_DIR)/docs-check && cp -R docs $(BUILD_DIR)/docs-check/docs
	@TF="$(TF_BIN)" BUILD_DIR="$(BUILD_DIR)" TOOL="$(TOOL)" scripts/docs.sh .build/docs-check/docs >/dev/null
	@if ! diff -ru docs $(BUILD_DIR)/docs-check/docs; then \
	  echo "docs/ is out of date: run make docs and commit the result."; exit 1; fi
	@echo "docs/ is up to date."

## release-snapshot: a local release build (no publishing, no signing) into dist/
release-snapshot:
	$(TOOL) goreleaser release --snapshot --clean --skip=sign,publish

## fuzz: run every fuzz target for FUZZTIME each
fuzz:
	@for pkg in $$($(GO) list $(PKGS)); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

## bench: benchmarks (ns/op, allocs/op)
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## bench-e2e: terraform apply, refreshing plan, destroy of 200 platform_project against a no-I/O floor
# The floor is the same count of a no-I/O framework resource. In one run: the steps with the
# server's rate limit off and at its default (50/s, burst 100), the API requests of refreshing 200
# and 1,000 projects, and the 429s and time of an apply under 30 requests/s (burst 30).
bench-e2e: tf
	$(GO) run ./internal/e2ebench -terraform "$(TF_BIN)" -dir $(BUILD_DIR)/bench-e2e

## clean: remove .build/ and dist/
clean:
	rm -rf $(BUILD_DIR) dist
