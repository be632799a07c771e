# The two commands the README promises: `make run` and `make test`. The rest are conveniences.
MVN ?= mvn -B -ntp
JAR := local/target/platform-local.jar

.PHONY: run test build verify print-cds-opts schemathesis test-sdk-ts chromium docs-browser mock bench bench-sdk bench-mock print-java-opts clean

# JVM defaults of `make run` (override: make run JAVA_OPTS='...'; containers: README "Memory").
# Without a cap the JVM sizes its heap to 1/4 of the machine and RSS grew to 1.36 GiB under mixed
# load with ~60 MB live (issue 15). With the embedded stores in-process the classes alone take
# ~120 MB of metaspace: -Xmx256m with G1 reached 596 MiB RSS after 12 minutes of mixed load,
# -Xmx192m with the serial collector and 2 malloc arenas stayed at 500-504 MiB (bench/rss.sh);
# with the CDS archive mapped (its pages count in RSS) -Xmx192m reached 513 MiB after 4 minutes,
# -Xmx160m stays well under (bench/README.md, "RSS with the CDS archive"). Young collections cost
# ~10 % of the wall time under /healthz load, ~75 % of each one a fixed cost of the process's size
# (weak tables, thread stacks, old-to-young cards): the parallel collector with 2 threads cut that
# to ~8 % but reached 508 MiB VmHWM in 720 s of bench/rss.sh (4 MiB under the limit), and a larger
# young generation (-Xmn64m, ~9 %) leaves the old one ~16 MB above the ~80 MB live, 19 MB of which
# are password4j's cached Argon2 memory (bench/README.md, "heap"): neither is the default.
#
# The Tier4 thresholds (C2) are 10 x the JDK's: a start spent ~3.4 s of its ~9 s of CPU in the C2
# compiler thread on 2 cores, mostly on code that runs only while starting (the JDK's class-file
# generator behind lambdas and proxies, the YAML scanner of the contract, jar manifests, locales:
# bench/README.md "startcpu"); with 10 x, C2 compiles a method after 50,000 calls instead of 5,000
# (loops: 400,000 back-edges instead of 40,000). Measured: first 200 on /health -0.4 to -0.7 s and
# -1.4 s of process CPU per start, and /healthz at saturation unchanged (same jar, same run: 0.556
# vs 0.519 x bare, 53.5 vs 56.0 us/req). The price is paid at moderate rates: a method called once
# per request reaches C2 after 50,000 requests, 100 s at 500 req/s, and until then an item read
# costs about twice the CPU (bench/README.md "tier4"). Right for `make run` (local development,
# where the start is what one waits for); a production server leaves them out (README, "Memory").
#
# -Xms equal to -Xmx: a start allocates ~150 MB; from a 64 MB heap the serial collector ran 11-13
# young collections and one full collection growing the heap, ~270 ms of pauses on the critical path;
# at the full size from the start, 4-5 young ones, ~150 ms, first 200 3.54 -> 3.13 s (10 interleaved
# pairs, bench/README.md "xms"). Peak RSS is the same: under load the heap grew to -Xmx anyway.
JAVA_OPTS ?= -Xms160m -Xmx160m -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m \
  -XX:MaxDirectMemorySize=64m -Xss512k \
  -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000 \
  -XX:Tier4BackEdgeThreshold=400000
# glibc's malloc arenas (one per thread, up to 8 per core) add tens of MiB of RSS to ~90 threads
MALLOC_ARENA_MAX ?= 2

# Class-data sharing (issue 15): `make build` trains an archive of every class a start loads
# (scripts/cds-archive.sh, under target/, never in git) and `make run` maps it instead of loading
# them again from 200 jars. CDS=off runs without it. The JVM checks the archive against the
# class path at start and ignores a stale one (slower, never wrong).
CDS ?= on
CDS_ARCHIVE := local/target/platform-local.jsa
CDS_OPTS := $(if $(filter on,$(CDS)),-XX:SharedArchiveFile=$(CDS_ARCHIVE),)

## run: build, then serve the platform on its embedded defaults (http://127.0.0.1:8080)
run: build
	MALLOC_ARENA_MAX=$(MALLOC_ARENA_MAX) exec java $(JAVA_OPTS) $(CDS_OPTS) -jar $(JAR)

# the JVM options above, for bench/ (every JVM of a bench run gets them)
print-java-opts:
	@echo '$(JAVA_OPTS)'

# the platform jar's own extra options (its CDS archive), for bench/ (only the platform gets them)
print-cds-opts:
	@echo '$(CDS_OPTS)'

## test: everything CI runs: Maven verify (unit, integration, conformance, Java SDK), Schemathesis,
## the TypeScript SDK and the /docs browser test
test: verify schemathesis test-sdk-ts docs-browser

build:
	$(MVN) -q install -DskipTests
	$(if $(filter on,$(CDS)),MALLOC_ARENA_MAX=$(MALLOC_ARENA_MAX) scripts/cds-archive.sh $(JAR) $(CDS_ARCHIVE) $(JAVA_OPTS))

verify:
	$(MVN) install

# The per-IP auth limit, the API limit and the code cooldowns are proven by the conformance suite;
# here they would turn most fuzzing into 429s (the second seed re-sends the first one's example
# phone numbers and addresses). Both seeds (the fixed one, then the UTC date) fuzz one platform as one user:
# the rotating run once answered items_update with 403 only because each seed signed up a user of
# its own and met the items the previous seed's user had created under the same generated ids
# (coverage values repeat across runs). platform_auth.py now keeps one user per platform and gives
# PATCH/DELETE /items/{item_id} a freshly created item of that user in every phase (and Echoes
# save/get/delete an uploaded or saved echo). Measured 2026-12-01 on 2 cores: both seeds on one
# platform 3 min 35 s at load 3-18, 11 min 44 s at load 28-42 (of it 2 min 11 s platform start).
SCHEMATHESIS_SEEDS ?= 20261123 $(shell date -u +%Y%m%d)
schemathesis:
	SCHEMATHESIS_SEEDS='$(SCHEMATHESIS_SEEDS)' AUTH_REQUESTS_PER_MINUTE=100000 RATE_LIMIT_REQUESTS=1000000 \
	  CODE_RESEND_INTERVAL_SECONDS=1 CODES_PER_HOUR=1000 \
	  STRAVA_CLIENT_ID=schemathesis STRAVA_CLIENT_SECRET=schemathesis STRAVA_REDIRECT_URI=http://127.0.0.1/strava \
	  STRAVA_BASE_URL=http://127.0.0.1:9 \
	  scripts/with-platform.sh bash -c 'conformance-tests/schemathesis/run.sh "$$PLATFORM_URL" build/schemathesis'

## test-sdk-ts: TypeScript SDK: unit tests on the contract mock, then runbook, quick start and the
## headless-Chromium CORS test against one started platform that allows the test page's origin
test-sdk-ts: chromium
	cd client-sdk-ts && npm ci --no-audit --no-fund && npm test
	page_port=$$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'); \
	  ALLOWED_ORIGINS="http://127.0.0.1:$$page_port" PAGE_PORT="$$page_port" \
	  RATE_LIMIT_REQUESTS=1000000 scripts/with-platform.sh node --test --test-reporter=spec client-sdk-ts/dist/test/platform/ client-sdk-ts/dist/test/browser/

# Debian's Chromium for the browser test (playwright-core drives it; no browser download)
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# headless Chromium executes a call from /docs "Try it out" on a started platform (< 1 min)
docs-browser:
	scripts/docs-browser/run.sh

## mock: the contract mock on port 4010 (UI prototyping)
mock: build
	exec java -jar mock-server/target/mock-server.jar --port 4010 --spec contract/target/classes/openapi.yaml

## bench: /healthz of the platform against bare Grizzly and plain Jersey (interleaved rounds), then
## the authenticated item read at a fixed rate beside a raw GetItem (bench/README.md)
bench: build
	bench/healthz.sh
	bench/items.sh

## bench-sdk: Java SDK calls/s vs raw OkHttp on /healthz, same JVM, same run
bench-sdk: build
	bench/sdk-overhead.sh

## bench-mock: the contract mock (validation + security on) against Prism 5.16 on the same bundle
bench-mock: build
	bench/mock-vs-prism.sh

clean:
	$(MVN) -q clean
	rm -rf build client-sdk-ts/dist client-sdk-ts/src/generated client-sdk-ts/test/generated
