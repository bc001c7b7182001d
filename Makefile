# terraform-provider-platform: one entry point for building, testing and the demo.
# Everything runs offline; build output goes to .build/ (ignored).

GO        ?= go
BUILD_DIR := $(CURDIR)/.build
PKGS      := ./...
FUZZTIME  ?= 30s
# The provider's acceptance tests run terraform; they get their own go test invocation
# (see unit) and the rest of the suite runs with -race.
PROVIDER_PKG := ./internal/provider/...
OTHER_PKGS    = $$($(GO) list $(PKGS) | grep -v '/internal/provider')
# Terraform (or OpenTofu) for the acceptance tests: TF_ACC_TERRAFORM_PATH if set, else the first
# on PATH. terraform-plugin-testing would download one otherwise; this build never downloads.
TF_BIN    ?= $(or $(TF_ACC_TERRAFORM_PATH),$(shell command -v terraform 2>/dev/null),$(shell command -v tofu 2>/dev/null))
# An empty CLI configuration in .build/: the environment may point TF_CLI_CONFIG_FILE at a file
# that does not exist, and $$HOME is never written to.
TF_CLI_CONFIG := $(BUILD_DIR)/terraformrc

.PHONY: test unit testacc race-provider terraform-check fuzz bench vet fmt-check boundaries build serve demo

## test: every test, offline (vet, unit and integration tests, fuzz seed corpora)
test: fmt-check vet boundaries unit

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go') 2>/dev/null); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

# The domain imports only the standard library.
boundaries:
	@bad=$$($(GO) list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' ./internal/platform | grep -v '^github.com/platform-iac/terraform-provider-platform/internal/platform$$' || true); \
	if [ -n "$$bad" ]; then echo "internal/platform must import only the standard library, found:"; echo "$$bad"; exit 1; fi

# Fuzz targets run their seed corpus as ordinary tests here. The provider package runs its
# acceptance tests (TF_ACC=1) against in-process reference servers with the local terraform, in
# parallel; without -race, which roughly doubles their time while the race-prone code (client,
# server, store) is raced in the first invocation. Run `make race-provider` to race it too.
unit: terraform-check
	$(GO) test -count=1 -race -timeout 10m $(OTHER_PKGS)
	$(PROVIDER_TEST_ENV) $(GO) test -count=1 -timeout 10m $(PROVIDER_PKG)

## race-provider: the provider's acceptance tests under the race detector
race-provider: terraform-check
	$(PROVIDER_TEST_ENV) $(GO) test -count=1 -race -timeout 15m $(PROVIDER_PKG)

## testacc: only the provider's acceptance tests (TESTARGS="-run TestAccWorkspace" to narrow)
testacc: terraform-check
	$(PROVIDER_TEST_ENV) $(GO) test -count=1 -timeout 10m $(TESTARGS) $(PROVIDER_PKG)

PROVIDER_TEST_ENV = TF_ACC=1 TF_ACC_TERRAFORM_PATH="$(TF_BIN)" TF_CLI_CONFIG_FILE="$(TF_CLI_CONFIG)" CHECKPOINT_DISABLE=1

terraform-check:
	@if [ -z "$(TF_BIN)" ]; then \
	  echo "The provider's acceptance tests need terraform or tofu on PATH (or TF_ACC_TERRAFORM_PATH); none found."; \
	  echo "Install Terraform >= 1.0 or OpenTofu; nothing is downloaded automatically."; exit 1; \
	fi
	@mkdir -p $(BUILD_DIR) && : > $(TF_CLI_CONFIG)

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

## serve: run the reference server alone (SQLite in .build/data)
serve:
	$(GO) run ./cmd/platform-server --data-dir $(BUILD_DIR)/data

build:
	CGO_ENABLED=0 $(GO) build -o $(BUILD_DIR)/ ./...

demo:
	@echo "make demo: the reference server and provider are not built yet (see the open issues)."; exit 1
