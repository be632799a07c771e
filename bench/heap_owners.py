#!/usr/bin/env python3
"""Who owns the live heap: a small HPROF reader with a dominator tree (bench/gc.sh HEAP_DUMP=1).

Usage: heap_owners.py DUMP.hprof [--class NAME ...] [--top N]

Reads a JDK heap dump (jcmd PID GC.heap_dump FILE; HPROF 1.0.2, 8-byte ids), builds the object
graph (instances, object and primitive arrays, classes with their static fields; every class and
every GC root hangs off one virtual root, as the heap analysers do), computes the immediate
dominators (Cooper, Harvey and Kennedy's iterative algorithm over the reverse postorder) and
each object's retained size, then prints
  - the live total and the classes by shallow size (what jmap -histo shows),
  - the largest retained sizes with each one's dominator path up to its top-level owner,
  - owners by class: retained size summed per class of the top-level dominators, and the same
    by package (first three parts of the class name), and
  - for every --class NAME (JVM spelling: '[J' for long[], 'java.lang.String', ...): that class's
    instances grouped by the class of the object that references them and by their nearest
    owner in the dominator tree that is not a JDK collection or array.
Shallow sizes assume compressed oops and class pointers (12-byte object header, 16-byte array
header, 4-byte references, 8-byte alignment), as a heap under 32 GiB has.
"""
import sys
from collections import defaultdict

from hprof import PRIM_NAMES, pretty, read  # bench/hprof.py, beside this script


def analyse(path, wanted, top):
    index, kind, size, refs_at, refs, roots, names = read(path)
    n = len(kind)
    ROOT = n   # the virtual root
    # successors as node numbers (dangling ids dropped)
    get = index.get
    succ_at = [0] * (n + 2)
    succ = []
    for v in range(n):
        succ_at[v] = len(succ)
        for i in range(refs_at[v], refs_at[v + 1]):
            w = get(refs[i])
            if w is not None:
                succ.append(w)
    succ_at[ROOT] = len(succ)
    root_nodes = set()
    for r in roots:
        w = get(r)
        if w is not None:
            root_nodes.add(w)
    for v in range(n):
        if kind[v] == "C":
            root_nodes.add(v)
    succ.extend(sorted(root_nodes))
    succ_at[ROOT + 1] = len(succ)
    del refs

    # iterative DFS from the root: postorder numbers
    N = n + 1
    post = [-1] * N
    order = []               # nodes in postorder
    seen = bytearray(N)
    stack = [(ROOT, succ_at[ROOT])]
    seen[ROOT] = 1
    while stack:
        v, i = stack[-1]
        end = succ_at[v + 1]
        while i < end and seen[succ[i]]:
            i += 1
        if i < end:
            w = succ[i]
            stack[-1] = (v, i + 1)
            seen[w] = 1
            stack.append((w, succ_at[w]))
        else:
            stack.pop()
            post[v] = len(order)
            order.append(v)
    reachable = len(order)
    # predecessors of reachable nodes
    pred = [[] for _ in range(N)]
    for v in order:
        for i in range(succ_at[v], succ_at[v + 1]):
            pred[succ[i]].append(v)
    idom = [-1] * N
    idom[ROOT] = ROOT
    rpo = order[::-1]
    changed = True
    while changed:
        changed = False
        for v in rpo[1:]:
            new = -1
            for p in pred[v]:
                if idom[p] == -1:
                    continue
                if new == -1:
                    new = p
                    continue
                a, b = p, new
                while a != b:
                    while post[a] < post[b]:
                        a = idom[a]
                    while post[b] < post[a]:
                        b = idom[b]
                new = a
            if idom[v] != new:
                idom[v] = new
                changed = True
    del pred
    retained = size[:] + [0]
    for v in order:
        if v != ROOT:
            retained[idom[v]] += retained[v]

    def cname(v):
        if v == ROOT:
            return "<root>"
        k = kind[v]
        if k == "C":
            return "class " + names_of_class.get(v, "?")
        if isinstance(k, int) and k < 0:
            return PRIM_NAMES[-k]
        return names.get(k, f"?{k:x}")

    names_of_class = {}
    for cid, node in ((c, index[c]) for c in names if c in index):
        names_of_class[node] = names[cid]

    MB = 1024 * 1024
    live = sum(size[v] for v in order if v != ROOT)
    print(f"{path}: {reachable - 1} reachable objects, {live / MB:.1f} MB shallow (of {n} objects, "
          f"{sum(size) / MB:.1f} MB in the dump)")

    histo = defaultdict(lambda: [0, 0])
    for v in order:
        if v != ROOT:
            h = histo[cname(v) if kind[v] != "C" else "<classes>"]
            h[0] += 1
            h[1] += size[v]
    print("\nclasses by shallow size (count, MB):")
    for name, (c, s) in sorted(histo.items(), key=lambda kv: -kv[1][1])[:top]:
        print(f"  {s / MB:8.2f}  {c:8d}  {name}")

    def path_of(v, depth=8):
        chain = []
        while v != ROOT and len(chain) < depth:
            chain.append(cname(v))
            v = idom[v]
        return " <- ".join(chain)

    print("\nlargest retained sizes (MB retained, object, its dominators up to the top):")
    big = sorted((v for v in order if v != ROOT), key=lambda v: -retained[v])
    shown = 0
    for v in big:
        if retained[v] < MB // 2 or shown >= top:
            break
        print(f"  {retained[v] / MB:8.2f}  {path_of(v)}")
        shown += 1

    owners = defaultdict(lambda: [0, 0])
    for v in order:
        if v != ROOT and idom[v] == ROOT:
            o = owners[cname(v)]
            o[0] += 1
            o[1] += retained[v]
    print("\ntop-level owners by class (MB retained, objects):")
    for name, (c, s) in sorted(owners.items(), key=lambda kv: -kv[1][1])[:top]:
        print(f"  {s / MB:8.2f}  {c:8d}  {name}")

    by_package = defaultdict(int)
    for name, (c, s) in owners.items():
        bare = name[len("class "):] if name.startswith("class ") else name
        by_package[".".join(bare.split(".")[:3])] += s
    print("\ntop-level owners by package (first three name parts; MB retained):")
    for name, s in sorted(by_package.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {s / MB:8.2f}  {name}")

    generic = ("java.util.", "java.lang.ref.", "java.lang.Object[", "[", "java.util.concurrent.")

    def owner(v):
        w = idom[v]
        while w != ROOT:
            nm = cname(w)
            if not nm.startswith(generic):
                return nm
            w = idom[w]
        return "<root>"

    for want in wanted:
        members = [v for v in order if v != ROOT and cname(v) == want]
        total = sum(size[v] for v in members)
        print(f"\n{want}: {len(members)} live, {total / MB:.2f} MB shallow")
        member = set(members)
        by_ref = defaultdict(lambda: [0, 0])
        for v in order:
            for i in range(succ_at[v], succ_at[v + 1]):
                w = succ[i]
                if w in member:
                    r = by_ref[cname(v)]
                    r[0] += 1
                    r[1] += size[w]
        print("  by referrer class (MB, count):")
        for name, (c, s) in sorted(by_ref.items(), key=lambda kv: -kv[1][1])[:top]:
            print(f"    {s / MB:8.2f}  {c:8d}  {name}")
        by_owner = defaultdict(lambda: [0, 0])
        for v in members:
            o = by_owner[owner(v)]
            o[0] += 1
            o[1] += size[v]
        print("  by nearest owner in the dominator tree that is not a JDK collection or array (MB, count):")
        for name, (c, s) in sorted(by_owner.items(), key=lambda kv: -kv[1][1])[:top]:
            print(f"    {s / MB:8.2f}  {c:8d}  {name}")
        sizes = defaultdict(int)
        for v in members:
            sizes[size[v]] += 1
        print("  commonest sizes (bytes x count): " + ", ".join(
            f"{s} x {c}" for s, c in sorted(sizes.items(), key=lambda kv: -kv[1])[:8]))


def main():
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__)
    wanted, top, path = [], 30, None
    i = 0
    while i < len(args):
        if args[i] == "--class":
            wanted.append(args[i + 1]); i += 2
        elif args[i] == "--top":
            top = int(args[i + 1]); i += 2
        else:
            path = args[i]; i += 1
    analyse(path, wanted, top)


if __name__ == "__main__":
    main()
