"""Stitches forum pages into threads with Apache Spark: map = `forum-thread dump --pages`
over a list of input paths, shuffle = the page records grouped by their `stitch_key`,
reduce = `forum-thread stitch` over each partition.

    spark-submit examples/spark/map_reduce.py PATHS OUTPUT [--binary PATH] [--partitions N]

PATHS is a text file of input paths (pages, WARC files, directories), one a line, readable
where the executors run; OUTPUT a directory of JSON Lines files (`part-*`), one thread or
error record a line: the records one `forum-thread dump` run over the same paths writes.
The binary must be on the executors' PATH, or given by path (ship it with `--files`).

Within a partition, records are sorted by key, then by the input's place in PATHS and the
offset in it: each thread's pages reach `stitch` together, in the order one process would
have read them, so that a page read twice merges as it does in one process, and `stitch`
holds one thread at a time.
"""

import argparse
import json
import os
import sys
import zlib

from pyspark import SparkConf, SparkContext


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", help="a text file of input paths, one a line")
    parser.add_argument("output", help="the output directory (must not exist)")
    parser.add_argument("--binary", default="forum-thread", help="the forum-thread command")
    parser.add_argument("--partitions", type=int, default=8, help="map and reduce partitions")
    parser.add_argument("--master", default=None, help="e.g. local[2] (default: spark-submit's)")
    args = parser.parse_args()

    # Python workers run the driver's interpreter (a virtual environment's, say).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    conf = SparkConf().setAppName("forum-thread map-reduce").set("spark.ui.showConsoleProgress", "false")
    if args.master:
        conf = conf.setMaster(args.master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        run(sc, args)
    finally:
        sc.stop()


def run(sc, args):
    paths = sc.textFile(args.paths, minPartitions=args.partitions).filter(lambda p: p.strip())
    # Each input's place in the list: the order one process reads them in.
    place = sc.broadcast({p.strip(): n for n, p in enumerate(paths.collect())})
    n = args.partitions

    def keyed(line):
        record = json.loads(line)
        if "error" in record:
            origin, key = record["error"]["origin"], None
        else:
            origin, key = record["origins"][0]["origin"], record.get("stitch_key")
        order = (place.value.get(origin["file"], -1), origin.get("offset", 0))
        # A record without a key (an error, a page that gives no key) is alone: any
        # partition will do.
        return (key or "%s@%s" % (origin["file"], order[1]), order), line

    def partition(key):
        # The key's own hash, the same in every Python worker (unlike `hash`).
        return zlib.crc32(key[0].encode("utf-8"))

    pages = paths.pipe(args.binary + " dump -q --pages -j 1", checkCode=True)
    threads = (
        pages.map(keyed)
        .repartitionAndSortWithinPartitions(n, partition)
        .values()
        .pipe(args.binary + " stitch -q", checkCode=True)
    )
    threads.saveAsTextFile(args.output)


if __name__ == "__main__":
    main()
