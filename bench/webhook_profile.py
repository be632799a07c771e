"""Where a webhook delivery's time goes, for bench/webhooks.sh: reads two /metrics scrapes (before
and after the measured rounds) and the thread dumps taken during the last webhook round.

  python3 bench/webhook_profile.py METRICS_BEFORE METRICS_AFTER THREAD_DUMPS

Prints the server's own mean time per operation (first filter to response), the mean of every
DynamoDB call by SDK operation (the agent's calls included: it runs in the same process), and
what the Grizzly HTTP workers were doing in the dumps (one count per worker per dump)."""
import re
import sys
from collections import Counter, defaultdict

SERIES = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\} ([0-9.eE+-]+|NaN)$')


def scrape(path):
    out = {}
    try:
        lines = open(path).read().splitlines()
    except OSError:
        return out
    for line in lines:
        m = SERIES.match(line)
        if m:
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2)))
            out[(m.group(1), tuple(sorted(labels.items())))] = float(m.group(3))
    return out


def means(before, after, prefix, keys):
    """(label values) -> (count, mean ms) of a Micrometer timer over the interval."""
    acc = defaultdict(lambda: [0.0, 0.0])
    for (name, labels), value in after.items():
        if name not in (prefix + "_count", prefix + "_sum"):
            continue
        d = dict(labels)
        key = tuple(d.get(k, "") for k in keys)
        delta = value - before.get((name, labels), 0.0)
        acc[key][0 if name.endswith("_count") else 1] += delta
    return {k: (int(c), 1000 * s / c) for k, (c, s) in acc.items() if c > 0}


# the first frame of these packages tells what a worker waited on
KINDS = [("DynamoDB call", ("DynamoDbClient", "dynamodb.")), ("SQS send", ("SqsClient.sendMessage", "sqs.")),
         ("idle (no request)", ("LinkedTransferQueue", "AbstractThreadPool$Worker.getTask", "SynchronousQueue"))]


def threads(path):
    counts, dumps = Counter(), 0
    try:
        text = open(path).read()
    except OSError:
        return dumps, counts
    dumps = text.count("Full thread dump")
    for block in text.split("\n\n"):
        head = block.lstrip().split("\n", 1)[0]
        if not head.startswith('"grizzly-http-server'):
            continue
        kind = "other (filters, JSON, Jersey, JIT'd code)"
        for name, needles in KINDS:
            if any(n in block for n in needles):
                kind = name
                break
        counts[kind] += 1
    return dumps, counts


def main():
    before, after = scrape(sys.argv[1]), scrape(sys.argv[2])
    print("profile: server time per request (first filter to response), measured rounds only")
    for (op, status), (n, ms) in sorted(means(before, after, "http_server_requests_seconds", ("operation", "status")).items()):
        print("  %-28s %-4s n=%-7d mean %8.1f ms" % (op, status, n, ms))
    print("profile: DynamoDB / S3 calls of the whole process (webhook and agent), mean per call")
    for (svc, op, outcome), (n, ms) in sorted(means(before, after, "aws_client_calls_seconds",
                                                      ("service", "operation", "outcome")).items()):
        print("  %-8s %-22s %-8s n=%-7d mean %8.1f ms" % (svc, op, outcome, n, ms))
    dumps, counts = threads(sys.argv[3])
    total = sum(counts.values())
    print("profile: Grizzly HTTP workers in %d thread dumps of the last webhook round (%d worker samples)" % (dumps, total))
    for kind, n in counts.most_common():
        print("  %-44s %5.1f %%" % (kind, 100 * n / total))


if __name__ == "__main__":
    main()
