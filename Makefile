# The two commands the README promises: `make run` and `make test`. The rest are conveniences.
MVN ?= mvn -B -ntp
JAR := embedded/target/platform-local.jar

.PHONY: run test build verify schemathesis docs-browser mock bench bench-mock clean

## run: build, then serve the platform on its embedded defaults (http://127.0.0.1:8080)
run: build
	exec java $(JAVA_OPTS) -jar $(JAR)

## test: everything CI runs: Maven verify (unit, integration, conformance), Schemathesis, the /docs browser test
test: verify schemathesis docs-browser

build:
	$(MVN) -q install -DskipTests

verify:
	$(MVN) install

# the per-IP auth limit is proven by the conformance suite; here it would turn most fuzzing into 429s
schemathesis:
	AUTH_REQUESTS_PER_MINUTE=100000 scripts/with-platform.sh bash -c 'conformance-tests/schemathesis/run.sh "$$PLATFORM_URL" build/schemathesis'

# headless Chromium executes a call from /docs "Try it out" on a started platform (< 1 min)
docs-browser:
	scripts/docs-browser/run.sh

## mock: the contract mock on port 4010 (UI prototyping)
mock: build
	exec java -jar mock-server/target/mock-server.jar --port 4010 --spec contract/target/classes/openapi.yaml

## bench: /healthz of the platform against a bare Grizzly handler, same run
bench: build
	bench/healthz.sh

## bench-mock: the contract mock (validation + security on) against Prism 5.16 on the same bundle
bench-mock: build
	bench/mock-vs-prism.sh

clean:
	$(MVN) -q clean
	rm -rf build
