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
import mmap
import struct
import sys
from collections import defaultdict

BASIC = {2: 4, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}   # sizes in the heap (refs compressed)
HPROF = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}   # sizes in the dump (8-byte ids)
PRIM_NAMES = {4: "[Z", 5: "[C", 6: "[F", 7: "[D", 8: "[B", 9: "[S", 10: "[I", 11: "[J"}


def align(n):
    return (n + 7) & ~7


def pretty(name):
    return name.replace("/", ".")


def read(path):
    f = open(path, "rb")
    buf = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    end = buf.find(b"\0")
    idsize = struct.unpack_from(">I", buf, end + 1)[0]
    if idsize != 8:
        raise SystemExit(f"id size {idsize}: only 8-byte ids are read")
    pos = end + 1 + 4 + 8
    strings, class_name_id = {}, {}
    classes = {}          # class id -> (super id, [(name id, type)] instance fields, statics refs, loader)
    index = {}            # object id -> node
    kind = []             # node -> class id (instances, object arrays) or -type (primitive arrays) or 'C' class
    size = []
    refs_at = []          # node -> start in refs
    refs = []             # target ids
    roots = []
    instances = []        # (node, class id, data start, data length) parsed after all classes are known
    n_len = len(buf)
    u4 = struct.Struct(">I").unpack_from
    u8 = struct.Struct(">Q").unpack_from
    u2 = struct.Struct(">H").unpack_from

    def add(oid, k, sz):
        index[oid] = len(kind)
        kind.append(k)
        size.append(sz)
        refs_at.append(len(refs))
        return len(kind) - 1

    while pos < n_len:
        tag = buf[pos]
        length = u4(buf, pos + 5)[0]
        body = pos + 9
        pos = body + length
        if tag == 0x01:
            strings[u8(buf, body)[0]] = buf[body + 8:body + length].decode("utf-8", "replace")
        elif tag == 0x02:
            class_name_id[u8(buf, body + 4)[0]] = u8(buf, body + 16)[0]
        elif tag in (0x0C, 0x1C):
            p, stop = body, body + length
            while p < stop:
                sub = buf[p]
                p += 1
                if sub == 0xFF:
                    roots.append(u8(buf, p)[0]); p += 8
                elif sub == 0x01:
                    roots.append(u8(buf, p)[0]); p += 16
                elif sub in (0x02, 0x03):
                    roots.append(u8(buf, p)[0]); p += 16
                elif sub in (0x04, 0x06):
                    roots.append(u8(buf, p)[0]); p += 12
                elif sub in (0x05, 0x07):
                    roots.append(u8(buf, p)[0]); p += 8
                elif sub == 0x08:
                    roots.append(u8(buf, p)[0]); p += 16
                elif sub == 0x20:
                    cid = u8(buf, p)[0]
                    sup = u8(buf, p + 12)[0]
                    loader = u8(buf, p + 20)[0]
                    p += 8 + 4 + 8 * 6 + 4
                    ncp = u2(buf, p)[0]; p += 2
                    for _ in range(ncp):
                        t = buf[p + 2]
                        p += 3 + HPROF[t]
                    nst = u2(buf, p)[0]; p += 2
                    srefs, ssize = [], 0
                    for _ in range(nst):
                        t = buf[p + 8]
                        if t == 2:
                            v = u8(buf, p + 9)[0]
                            if v:
                                srefs.append(v)
                        ssize += BASIC[t]
                        p += 9 + HPROF[t]
                    nif = u2(buf, p)[0]; p += 2
                    fields = []
                    for _ in range(nif):
                        fields.append(buf[p + 8]); p += 9
                    classes[cid] = (sup, fields)
                    node = add(cid, "C", align(ssize + 96))   # the mirror and its statics, roughly
                    refs.extend(srefs)
                    if loader:
                        refs.append(loader)
                elif sub == 0x21:
                    oid = u8(buf, p)[0]
                    cid = u8(buf, p + 12)[0]
                    nbytes = u4(buf, p + 20)[0]
                    instances.append((oid, cid, p + 24, nbytes))
                    p += 24 + nbytes
                elif sub == 0x22:
                    oid = u8(buf, p)[0]
                    count = u4(buf, p + 12)[0]
                    acid = u8(buf, p + 16)[0]
                    add(oid, acid, align(16 + 4 * count))
                    start = p + 24
                    for i in range(count):
                        v = u8(buf, start + 8 * i)[0]
                        if v:
                            refs.append(v)
                    p = start + 8 * count
                elif sub == 0x23:
                    oid = u8(buf, p)[0]
                    count = u4(buf, p + 12)[0]
                    t = buf[p + 16]
                    add(oid, -t, align(16 + BASIC[t] * count))
                    p += 17 + HPROF[t] * count
                else:
                    raise SystemExit(f"unknown heap dump sub-record 0x{sub:02x} at {p - 1}")

    # instance layouts: own fields first, then the superclass's, and so on
    layout = {}

    def layout_of(cid):
        if cid in layout:
            return layout[cid]
        offs, off, heap, c = [], 0, 0, cid
        while c and c in classes:
            sup, fields = classes[c]
            for t in fields:
                if t == 2:
                    offs.append(off)
                off += HPROF[t]
                heap += BASIC[t]
            c = sup
        layout[cid] = (offs, align(12 + heap))
        return layout[cid]

    for oid, cid, start, nbytes in instances:
        offs, sz = layout_of(cid)
        add(oid, cid, sz)
        for o in offs:
            v = u8(buf, start + o)[0]
            if v:
                refs.append(v)
    refs_at.append(len(refs))

    names = {cid: pretty(strings.get(nid, f"class@{cid:x}")) for cid, nid in class_name_id.items()}
    return index, kind, size, refs_at, refs, roots, names


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
