# The two commands the README promises: `make run` and `make test`. The rest are conveniences.
MVN ?= mvn -B -ntp
JAR := local/target/platform-local.jar

.PHONY: run test build verify schemathesis mock bench print-java-opts clean

# JVM defaults of `make run` (override: make run JAVA_OPTS='...'; containers: README "Memory").
# Without a cap the JVM sizes its heap to 1/4 of the machine and RSS grew to 1.36 GiB under mixed
# load with ~60 MB live (issue 15); these keep RSS under 512 MiB with the embedded stores in-process.
JAVA_OPTS ?= -Xms64m -Xmx256m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m \
  -XX:MaxDirectMemorySize=64m -Xss512k

## run: build, then serve the platform on its embedded defaults (http://127.0.0.1:8080)
run: build
	exec java $(JAVA_OPTS) -jar $(JAR)

# the JVM options above, for bench/ (every JVM of a bench run gets them)
print-java-opts:
	@echo '$(JAVA_OPTS)'

## test: everything CI runs: Maven verify (unit, integration, conformance) then Schemathesis
test: verify schemathesis

build:
	$(MVN) -q install -DskipTests

verify:
	$(MVN) install

# the per-IP auth limit is proven by the conformance suite; here it would turn most fuzzing into 429s
schemathesis:
	AUTH_REQUESTS_PER_MINUTE=100000 scripts/with-platform.sh bash -c 'conformance-tests/schemathesis/run.sh "$$PLATFORM_URL" build/schemathesis'

## mock: the contract mock on port 4010 (UI prototyping)
mock: build
	exec java -jar mock-server/target/mock-server.jar --port 4010 --spec contract/target/classes/openapi.yaml

## bench: /healthz of the platform against bare Grizzly and plain Jersey (interleaved rounds), then
## the authenticated item read at a fixed rate beside a raw GetItem (bench/README.md)
bench: build
	bench/healthz.sh
	bench/items.sh

clean:
	$(MVN) -q clean
	rm -rf build
