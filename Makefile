# ekatalog: make demo, make test. See README.md.
GO       ?= go
BIN      := bin/ekatalog
FUZZTIME ?= 10s
# Minimising each new interesting input takes 60 s by default: the time would
# go there instead of to fuzzing.
FUZZMINTIME ?= 3s
BENCHTIME ?= 3x

.PHONY: all build test bench bench-go fuzz demo clean generate

all: build

build:
	$(GO) build -o $(BIN) ./cmd/ekatalog

test:
	$(GO) vet ./...
	$(GO) test ./...

# The benchmark table (inputs generated once into a cache folder), then the
# Go benchmarks of readers and validation with allocations.
bench: build
	$(GO) run ./internal/cmd/benchtable
	$(MAKE) bench-go

bench-go:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./formats/... ./catalog/... ./internal/pipeline/ ./internal/compare/

# A run of every fuzz target (FUZZTIME each; FUZZTIME=60s for the long
# run). A reproducer the fuzzer writes fails it; see .ci/fuzz.
fuzz:
	GO=$(GO) FUZZTIME=$(FUZZTIME) FUZZMINTIME=$(FUZZMINTIME) .ci/fuzz

# The main job on the example catalogues in testdata/: validate (in Danish),
# convert to PEPPOL BIS 3 and read the result back, convert to canonical
# JSON. The defect catalogue exits 1 by design.
demo: build
	@echo "== ekatalog validate --lang da testdata/demo/katalog.csv"
	@./$(BIN) validate --lang da testdata/demo/katalog.csv; code=$$?; echo "(exit $$code: 1 = fejl fundet)"; test $$code -le 1
	@echo
	@echo "== ekatalog convert testdata/csv/katalog-da.csv --to peppol-bis3 --header testdata/ubl/header-peppol.json -o bin/katalog.xml"
	@./$(BIN) convert testdata/csv/katalog-da.csv --to peppol-bis3 --header testdata/ubl/header-peppol.json -o bin/katalog.xml
	@./$(BIN) validate bin/katalog.xml | head -n 2
	@echo
	@echo "== ekatalog convert testdata/csv/katalog-da.csv --to json -o bin/katalog.json"
	@./$(BIN) convert testdata/csv/katalog-da.csv --to json -o bin/katalog.json
	@head -c 600 bin/katalog.json; echo " …"

generate:
	$(GO) generate ./...

clean:
	rm -rf bin
