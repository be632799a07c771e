"""One run of bench/start-profile.sh as tables: CPU by owner, the main thread's steps, classes and
GC per phase. Samples are async-profiler's collapsed stacks with `threads` (the first frame is
"[name tid=N]"); each sample is INTERVAL of CPU (cpu/itimer), of wall time (wall) or bytes (alloc).

usage: python3 bench/start_profile.py RUN_DIR
"""
import collections
import datetime
import os
import re
import sys

# (owner, thread-name regex) for threads that belong to one owner whatever they run
THREAD_OWNERS = [
    ("JIT: C2", r"^C2 CompilerThre"),
    ("JIT: C1", r"^C1 CompilerThre"),
    ("JVM: VM thread (Serial GC, safepoints)", r"^VM Thread$"),
    ("JVM: other threads", r"^(VM Periodic Task Thread|Service Thread|Signal Dispatcher|Reference Handler|Finalizer|"
     r"Common-Cleaner|Monitor Deflation Thread|Notification Thread|Attach Listener|GC Thread.*|Sweeper thread|VM Periodic Tas)$"),
    ("DynamoDB Local: serving (Jetty qtp, SQLite)", r"^(qtp\d+.*|SQLiteQueue.*|Scheduler-\d+|pool-\d+-thread-\d+)$"),
    ("S3Proxy: start (jclouds, Guice, Jetty)", r"^embedded-s3-start$"),
    ("S3Proxy: serving", r"^S3Proxy-Jetty.*"),
    ("ElasticMQ: start (Pekko, H2 restore)", r"^embedded-sqs-start$"),
    ("ElasticMQ: Pekko actors and HTTP", r"^embedded-sqs.*"),
    ("ElasticMQ: H2", r"^HN-.*|^H2 .*"),
    ("workers: SQS long polls", r"^poll-.*"),
    ("core: queues declared (SQS client)", r"^queue-bootstrap$"),
    ("core: tables and buckets (SDK client side)", r"^storage-bootstrap-.*"),
    ("first /health: probes", r"^health-probe.*"),
    ("first /health: Grizzly worker / selector", r"^(grizzly-.*|Grizzly-.*|HttpServer-.*|access-log-writer)$"),
    ("AWS SDK: timeouts, reapers", r"^(aws-sdk-timeouts|idle-connection-reaper|sdk-.*)$"),
    ("after listen: gazetteer load", r"^geocoder-load$"),
]
# (owner, frame substring) for the main thread, innermost listed first wins: a sample belongs to the
# first of these found scanning its stack from the leaf upwards
MAIN_STEPS = [
    ("main: DynamoDB Local start (sqlite4java, Jetty)", "dev/apiplatform/embedded/EmbeddedAws.startDynamo"),
    ("main: contract parse (Contract.load)", "dev/apiplatform/server/http/Contract.load"),
    ("main: metrics (PlatformMetrics.start)", "dev/apiplatform/server/metrics/PlatformMetrics.start"),
    ("main: AWS SDK clients (AwsClients.<init>)", "dev/apiplatform/server/storage/AwsClients.<init>"),
    ("main: tables and buckets (StorageBootstrap)", "dev/apiplatform/server/storage/StorageBootstrap"),
    ("main: shared services (Services.start)", "dev/apiplatform/server/platform/Services.start"),
    ("main: groups' config sections", ".configure"),
    ("main: workers (Core.workers, WorkerRuntime.start)", "dev/apiplatform/server/jobs/WorkerRuntime"),
    ("main: workers (Core.workers, WorkerRuntime.start)", "dev/apiplatform/server/platform/Core.workers"),
    ("main: groups' wiring (ResourceGroup.wire)", ".wire"),
    ("main: rest of Core.start", "dev/apiplatform/server/platform/Core.start"),
    ("main: Jersey ResourceConfig (Platform.application)", "dev/apiplatform/server/Platform.application"),
    ("main: Grizzly listener start (HttpServer.start)", "org/glassfish/grizzly/http/server/HttpServer.start"),
    ("main: Jersey ApplicationHandler (model, HK2, Hibernate Validator)", "dev/apiplatform/server/http/edge/EdgeServer.create"),
    ("main: rest of Platform.start", "dev/apiplatform/server/Platform.start"),
    ("main: waiting for the stores (EmbeddedAws.start, join)", "dev/apiplatform/embedded/EmbeddedAws.start"),
    ("main: rest of LocalPlatform.start", "dev/apiplatform/local/LocalPlatform.start"),
    ("main: config, logging (LocalMain)", "dev/apiplatform/local/LocalMain.main"),
]
# frames that say what kind of work a sample is, whatever its owner (inclusive)
KINDS = [
    ("class loading / linking / CDS", ("SystemDictionary::", "ClassLoader.defineClass", "ClassFileParser",
                                      "Rewriter::", "Verifier::", "ClassLoader.loadClass", "linkClass",
                                      "InstanceKlass::link", "SystemDictionaryShared::")),
    ("interpreter", ("Interpreter", "interpreter")),
    ("lambda / method handle spinning", ("InnerClassLambdaMetafactory", "LambdaForm", "MethodHandleNatives.link",
                                        "java/lang/invoke/")),
    ("reflection / proxies", ("java/lang/reflect/Proxy", "ReflectionFactory", "getDeclaredMethods", "getDeclaredFields",
                              "Class.getDeclared")),
    ("GC (inside any thread)", ("GenCollect", "CollectedHeap::", "Serial", "DefNewGeneration", "TenuredGeneration")),
    ("zip / jar reading", ("java/util/zip/", "ZipFile", "JarFile")),
]


def fold(name):
    return re.sub(r"(?<![A-Za-z])\d+|\d+(?=-)", "N", name)


def read_samples(path):
    for line in open(path):
        stack, _, n = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        frames = stack.split(";")
        m = re.match(r"^\[(.*?)(?: tid=\d+)?\]$", frames[0])
        thread = m.group(1) if m else "?"
        yield thread, frames[1:] if m else frames, int(n)


def owner_of(thread, frames):
    if thread == "main":
        for frame in reversed(frames):
            for owner, marker in MAIN_STEPS:
                if marker in frame and (not marker.startswith(".") or re.search(r"Group\.%s$" % marker[1:], frame)):
                    return owner
        return "main: JVM start, other"
    for owner, rx in THREAD_OWNERS:
        if re.match(rx, thread):
            return owner
    return "other thread: " + fold(thread)


def parse_times(run):
    times = {}
    path = os.path.join(run, "times")
    if os.path.exists(path):
        for line in open(path):
            k, v = line.split()
            times[k] = float(v)
    return times


def log_events(run, launch_ms):
    """(ms since launch, message) for the log lines that mark phases."""
    marks = [
        ("Embedded DynamoDB Local on", "DynamoDB Local up"),
        ("Embedded S3 (S3Proxy) on", "S3Proxy up"),
        ("Embedded SQS", "ElasticMQ up"),
        ("listening on", "listening"),
    ]
    out = []
    path = os.path.join(run, "platform.log")
    if not os.path.exists(path) or not launch_ms:
        return out
    launch = datetime.datetime.fromtimestamp(launch_ms / 1000, datetime.timezone.utc)
    for line in open(path, errors="replace"):
        m = re.match(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) ", line)
        if not m:
            continue
        for needle, label in marks:
            if needle in line:
                h, mi, s, ms = map(int, m.groups())
                t = launch.replace(hour=h, minute=mi, second=s, microsecond=ms * 1000)
                out.append(((t - launch).total_seconds() * 1000, label, line.strip()[:160]))
    return out


def main(run):
    times = parse_times(run)
    samples = list(read_samples(os.path.join(run, "profile.collapsed")))
    if not samples:
        sys.exit("no samples")
    total = sum(n for _, _, n in samples)
    interval_ms = 1.0
    readme = os.path.join(os.path.dirname(run.rstrip("/")), "README")
    event = "cpu"
    if os.path.exists(readme):
        text = open(readme).read()
        m = re.search(r"interval=(\d+)(ms|us)", text)
        if m:
            interval_ms = int(m.group(1)) / (1000 if m.group(2) == "us" else 1)
        m = re.search(r"event=(\w+)", text)
        event = m.group(1) if m else event
    unit = "MB" if event == "alloc" else "ms"
    scale = (lambda n: n / 1e6) if event == "alloc" else (lambda n: n * interval_ms)

    print(f"== {run}: event {event}, {len(samples)} stacks, total {scale(total):,.0f} {unit}"
          + (f" (process CPU at the first 200: {times.get('cpu_at_200_ms', 0):,.0f} ms, at the profile's stop:"
             f" {times.get('cpu_at_stop_ms', 0):,.0f} ms)" if times else ""))
    if times:
        print(f"first 200 on /health at {times['first_200_ms']:,.0f} ms after launch; load1 {times.get('load1')}")
    owners = collections.Counter()
    threads = collections.Counter()
    for thread, frames, n in samples:
        owners[owner_of(thread, frames)] += n
        threads[fold(thread)] += n
    print(f"\n{unit:>8} {'share':>6}  owner")
    for owner, n in owners.most_common():
        print(f"{scale(n):8,.0f} {100 * n / total:5.1f}%  {owner}")
    print(f"\n{unit:>8} {'share':>6}  thread (digits folded)")
    for thread, n in threads.most_common(40):
        print(f"{scale(n):8,.0f} {100 * n / total:5.1f}%  {thread}")
    kinds = collections.Counter()
    for thread, frames, n in samples:
        joined = ";".join(frames)
        for kind, needles in KINDS:
            if any(x in joined for x in needles):
                kinds[kind] += n
    print(f"\n{unit:>8} {'share':>6}  kind of work (inclusive, overlapping)")
    for kind, n in kinds.most_common():
        print(f"{scale(n):8,.0f} {100 * n / total:5.1f}%  {kind}")

    compile_log = os.path.join(run, "compile.log")
    if os.path.exists(compile_log) and times:
        jit_by_owner(compile_log, times["first_200_ms"] / 1000, samples)

    events = log_events(run, times.get("launch_epoch_ms"))
    classes = []
    path = os.path.join(run, "classload.log")
    if os.path.exists(path):
        for line in open(path, errors="replace"):
            m = re.match(r"^\[(\d+)ms\].*source: (.*)$", line)
            if m:
                classes.append((int(m.group(1)), "shared" in m.group(2)))
    gcs = []
    path = os.path.join(run, "gc.log")
    if os.path.exists(path):
        for line in open(path, errors="replace"):
            m = re.match(r"^\[(\d+)ms\].*Pause (Young|Full).* (\d+)M->(\d+)M\(\d+M\) ([\d.]+)ms", line)
            if m:
                gcs.append((int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4)), float(m.group(5))))
    bounds = [(0, "launch")] + [(t, label) for t, label, _ in sorted(events)]
    if times:
        bounds.append((times["first_200_ms"], "first 200"))
    print("\nphase (ms after launch; log times and JVM uptime agree within ~20 ms)   classes shared/not   GCs (full) pause ms  heap")
    for (a, la), (b, lb) in zip(bounds, bounds[1:]):
        cs = [s for t, s in classes if a <= t < b]
        gs = [g for g in gcs if a <= g[0] < b]
        heap = f"{gs[0][2]}->{gs[-1][3]}M" if gs else ""
        print(f"{a:7,.0f}-{b:7,.0f} {la:>18} -> {lb:<18} {sum(cs):6} / {len(cs) - sum(cs):5}   {len(gs):3} ({sum(1 for g in gs if g[1] == 'Full')})"
              f" {sum(g[4] for g in gs):7.1f}  {heap}")
    for t, label, line in sorted(events):
        print(f"  {t:7,.0f} ms {label}: {line}")


def jit_by_owner(path, until_s, samples):
    """The compile tasks of -XX:+LogCompilation that started before the first 200, their wall time
    (compile thread, competing for the cores like everything else) spread over the owners whose
    samples run the compiled method (inclusive), in proportion: who made the JIT compile what."""
    tasks = []
    current = None
    for line in open(path, errors="replace"):
        if line.startswith("<task "):
            m = re.search(r"method='([^']*)'.*?bytes='(\d+)'(?:.*?level='(\d)')?.*?stamp='([\d.]+)'", line)
            current = (m.group(1), int(m.group(3) or 4), float(m.group(4))) if m else None
        elif line.startswith("<task_done") and current:
            done = float(re.search(r"stamp='([\d.]+)'", line).group(1))
            if current[2] <= until_s:
                tasks.append((current[0], current[1], done - current[2]))
            current = None
    frame_owners = collections.defaultdict(collections.Counter)
    for thread, frames, n in samples:
        owner = owner_of(thread, frames)
        for f in set(frames):
            frame_owners[f][owner] += n
    by_level = collections.Counter()
    owners = {4: collections.Counter(), 1: collections.Counter()}
    for method, level, seconds in tasks:
        cls, _, rest = method.partition(" ")
        name = cls.replace(".", "/") + "." + rest.split(" ")[0].replace("&lt;", "<").replace("&gt;", ">")
        key = 4 if level == 4 else 1
        by_level[key] += seconds
        seen = frame_owners.get(name)
        if not seen:
            owners[key]["(method not in the CPU samples)"] += seconds
            continue
        total = sum(seen.values())
        for owner, n in seen.items():
            owners[key][owner] += seconds * n / total
    print(f"\nJIT before the first 200 (-XX:+LogCompilation, compile wall time): {len(tasks)} tasks,"
          f" C1 (levels 1-3) {by_level[1] * 1000:,.0f} ms, C2 {by_level[4] * 1000:,.0f} ms; by the owner of the compiled code:")
    print(f"{'C1 ms':>8} {'C2 ms':>8}  owner")
    merged = collections.Counter()
    for key in owners:
        merged.update(owners[key])
    for owner, _ in merged.most_common(25):
        print(f"{owners[1][owner] * 1000:8,.0f} {owners[4][owner] * 1000:8,.0f}  {owner}")


if __name__ == "__main__":
    main(sys.argv[1])
