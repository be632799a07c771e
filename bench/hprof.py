#!/usr/bin/env python3
"""A small HPROF 1.0.2 reader (8-byte ids) for bench/heap_owners.py: `read(path)` maps a JDK heap
dump (jcmd PID GC.heap_dump FILE) and answers its object graph as flat arrays: the id index, each
object's kind and shallow size (compressed oops and class pointers: 12-byte object header, 16-byte
array header, 4-byte references, 8-byte alignment), its references, the GC roots and class names.
"""
import mmap
import struct
import sys

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
