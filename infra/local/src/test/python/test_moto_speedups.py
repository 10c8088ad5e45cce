"""Checks that moto_speedups changes how fast moto answers a Query, never what it answers.

    python3 infra/local/src/test/python/test_moto_speedups.py            # what `make lint` runs, ~15 s
    python3 infra/local/src/test/python/test_moto_speedups.py --timing   # then times 100,000 items, ~45 s
    ... --ops N --seed S                                                 # a longer or other sequence

A seeded random sequence of writes (PutItem, UpdateItem, DeleteItem, BatchWriteItem,
TransactWriteItems, some failing their conditions and rolling back) runs against moto in-process;
after each write come reads (Query on the tables and their indexes with =, begins_with, BETWEEN,
< and >= key conditions, Limit, paging, ScanIndexForward, filters, projections, Select COUNT, the
legacy KeyConditions; and Scan), mostly on the partitions the write touched, each run
twice: with the speed-ups and with moto's original code (`moto_speedups.bypassed()`). Every
response, with Count, ScannedCount and LastEvaluatedKey, must be the same.
"""
import os
import random
import subprocess
import sys
import threading
import time
import unittest
from pathlib import Path

os.environ.setdefault("AWS_ACCESS_KEY_ID", "test")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "test")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

SCRIPTS = Path(__file__).resolve().parents[2] / "main/resources/dev/autocentric/local/emulator"
sys.path.insert(0, str(SCRIPTS))
sys.dont_write_bytecode = True  # no __pycache__ among the resources, which go into the jar

import boto3  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402
from moto import mock_aws  # noqa: E402

import moto_speedups  # noqa: E402

OPTIONS = {"ops": 300, "seed": 20240611, "timing": False}

# Hash-only table H (numeric key: "1" and "1.0" are the same item) and hash+range table R, each with
# an index with a range key and a sparse hash-only one (items may lack any index attribute).
TABLES = {
    "H": dict(
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": t} for n, t in
                              [("pk", "N"), ("ga", "S"), ("gr", "N"), ("gb", "S")]],
        GlobalSecondaryIndexes=[
            {"IndexName": "byA", "Projection": {"ProjectionType": "ALL"},
             "KeySchema": [{"AttributeName": "ga", "KeyType": "HASH"}, {"AttributeName": "gr", "KeyType": "RANGE"}]},
            {"IndexName": "byB", "Projection": {"ProjectionType": "KEYS_ONLY"},
             "KeySchema": [{"AttributeName": "gb", "KeyType": "HASH"}]},
        ]),
    "R": dict(
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": t} for n, t in
                              [("pk", "S"), ("sk", "S"), ("ga", "S"), ("gs", "S"), ("gb", "N"), ("ln", "N")]],
        GlobalSecondaryIndexes=[
            {"IndexName": "byA", "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["n"]},
             "KeySchema": [{"AttributeName": "ga", "KeyType": "HASH"}, {"AttributeName": "gs", "KeyType": "RANGE"}]},
            {"IndexName": "byB", "Projection": {"ProjectionType": "ALL"},
             "KeySchema": [{"AttributeName": "gb", "KeyType": "HASH"}]},
        ],
        LocalSecondaryIndexes=[
            {"IndexName": "byL", "Projection": {"ProjectionType": "ALL"},
             "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "ln", "KeyType": "RANGE"}]},
        ]),
}
NUMBERS = ["0", "1", "1.0", "2", "3", "-0", "4.5", "10", "11"]
LETTERS = ["a", "b", "c", "ab", "abc", "b1", "ba"]


def create_tables(client):
    for name, spec in TABLES.items():
        client.create_table(TableName=name, BillingMode="PAY_PER_REQUEST", **spec)


def key_of(table, item):
    return {name: item[name] for name in (["pk"] if table == "H" else ["pk", "sk"])}


def strip(response):
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def outcome(call):
    try:
        return ("ok", strip(call()))
    except ClientError as e:
        return ("error", e.response["Error"].get("Code"), e.response["Error"].get("Message"))


class RandomWorkload:
    """Random requests over small value sets, so partitions and index keys collide often."""

    def __init__(self, client, rng):
        self.client, self.rng = client, rng
        self.recent = []  # (table, attribute, value) of the partitions the last write touched

    def remember(self, table, attrs):
        self.recent += [(table, name, attrs[name]) for name in ("pk", "ga", "gb") if name in attrs]

    def key(self, table):
        if table == "H":
            return {"pk": {"N": self.rng.choice(NUMBERS + ["5", "6", "7"])}}
        return {"pk": {"S": "p" + str(self.rng.randrange(6))}, "sk": {"S": self.rng.choice(LETTERS + ["x", "y"])}}

    def item(self, table):
        item, r = dict(self.key(table)), self.rng
        item["n"] = {"N": str(r.randrange(100))}
        item["pad"] = {"S": "x" * r.randrange(0, 40)}
        if r.random() < 0.7:
            item["ga"] = {"S": r.choice(LETTERS[:3])}
        if r.random() < 0.7:
            item["gr" if table == "H" else "gs"] = {"N": r.choice(NUMBERS)} if table == "H" else {"S": r.choice(LETTERS)}
        if r.random() < 0.5:
            item["gb"] = {"S": r.choice(LETTERS[:2])} if table == "H" else {"N": r.choice(NUMBERS[:4])}
        if table == "R" and r.random() < 0.6:
            item["ln"] = {"N": r.choice(NUMBERS)}
        self.remember(table, item)
        return item

    def index_value(self, table, attr):
        return {"gr": {"N": self.rng.choice(NUMBERS)}, "ln": {"N": self.rng.choice(NUMBERS)},
                "gs": {"S": self.rng.choice(LETTERS)}, "ga": {"S": self.rng.choice(LETTERS[:3])},
                "gb": {"S": self.rng.choice(LETTERS[:2])} if table == "H" else {"N": self.rng.choice(NUMBERS[:4])}}[attr]

    def update_args(self, table):
        """SET / REMOVE / ADD on index key attributes, sometimes under a condition."""
        r = self.rng
        sets, removes, values = ["n = n + :one"], [], {":one": {"N": "1"}}
        for attr in (["ga", "gr", "gb"] if table == "H" else ["ga", "gs", "gb", "ln"]):
            roll = r.random()
            if roll < 0.25:
                sets.append(f"{attr} = :{attr}")
                values[f":{attr}"] = self.index_value(table, attr)
            elif roll < 0.4:
                removes.append(attr)
        expression = "SET " + ", ".join(sets) + (" REMOVE " + ", ".join(removes) if removes else "")
        args = dict(TableName=table, Key=self.key(table), UpdateExpression=expression, ExpressionAttributeValues=values)
        self.remember(table, dict(args["Key"], **{name[1:]: value for name, value in values.items()}))
        if r.random() < 0.3:
            args["ConditionExpression"] = "attribute_exists(pk)"
        elif r.random() < 0.1:
            args["ConditionExpression"] = "n < :limit"
            values[":limit"] = {"N": "50"}
        return args

    def write(self):
        r, table = self.rng, self.rng.choice("HR")
        self.recent = []
        kind = r.choices(["put", "update", "legacy-update", "delete", "batch", "transact"], [30, 30, 5, 12, 10, 13])[0]
        c = self.client
        if kind == "put":
            args = dict(TableName=table, Item=self.item(table))
            if r.random() < 0.2:
                args["ConditionExpression"] = "attribute_not_exists(pk)"
            return outcome(lambda: c.put_item(**args))
        if kind == "update":
            if r.random() < 0.15:  # ADD: creates the item, or counts up on it
                return outcome(lambda: c.update_item(TableName=table, Key=self.key(table), UpdateExpression="ADD hits :one",
                                                     ExpressionAttributeValues={":one": {"N": "1"}}))
            args = self.update_args(table)
            if "attribute_exists" not in args.get("ConditionExpression", "") and r.random() < 0.5:
                args["UpdateExpression"] = args["UpdateExpression"].replace("n = n + :one", "n = :one")
            return outcome(lambda: c.update_item(**args))
        if kind == "legacy-update":  # AttributeUpdates: moto's other in-place update path
            attr = "ga"
            update = {"Action": "DELETE"} if r.random() < 0.4 else {"Action": "PUT", "Value": self.index_value(table, attr)}
            key = self.key(table)
            self.remember(table, dict(key, **({attr: update["Value"]} if "Value" in update else {})))
            return outcome(lambda: c.update_item(TableName=table, Key=key, AttributeUpdates={attr: update}))
        if kind == "delete":
            args = dict(TableName=table, Key=self.key(table))
            self.remember(table, args["Key"])
            if r.random() < 0.3:
                args.update(ConditionExpression="n > :n", ExpressionAttributeValues={":n": {"N": "30"}})
            return outcome(lambda: c.delete_item(**args))
        if kind == "batch":
            requests, seen = {}, set()
            for _ in range(r.randrange(1, 8)):
                t = r.choice("HR")
                if r.random() < 0.7:
                    item = self.item(t)
                    request, key = {"PutRequest": {"Item": item}}, key_of(t, item)
                else:
                    key = self.key(t)
                    request = {"DeleteRequest": {"Key": key}}
                if (t, str(key)) not in seen:  # one request per item, as DynamoDB demands
                    seen.add((t, str(key)))
                    requests.setdefault(t, []).append(request)
            return outcome(lambda: c.batch_write_item(RequestItems=requests))
        # TransactWriteItems over both tables; conditions make about a third of them fail and roll back
        operations, keys = [], set()
        for _ in range(r.randrange(1, 5)):
            t = r.choice("HR")
            roll = r.random()
            if roll < 0.4:
                item = self.item(t)
                op, key = {"Put": {"TableName": t, "Item": item}}, key_of(t, item)
            elif roll < 0.75:
                args = self.update_args(t)
                args.pop("ConditionExpression", None)
                if ":limit" in args["ExpressionAttributeValues"]:
                    del args["ExpressionAttributeValues"][":limit"]
                op, key = {"Update": args}, args["Key"]
            elif roll < 0.9:
                key = self.key(t)
                op = {"Delete": {"TableName": t, "Key": key}}
            else:
                key = self.key(t)
                op = {"ConditionCheck": {"TableName": t, "Key": key, "ConditionExpression": "attribute_exists(pk)"}}
            if r.random() < 0.25 and "ConditionCheck" not in op:
                body = next(iter(op.values()))
                body["ConditionExpression"] = "attribute_not_exists(pk)"
            if (t, str(key)) not in keys:  # one operation per item, as DynamoDB demands
                keys.add((t, str(key)))
                operations.append(op)
        return outcome(lambda: c.transact_write_items(TransactItems=operations))

    def query_args(self):
        r = self.rng
        if self.recent and r.random() < 0.6:  # mostly where the last write put, moved or removed items
            table, attr, hash_value = r.choice(self.recent)
            target = {"pk": r.choice(["base", "byL"]) if table == "R" else "base", "ga": "byA", "gb": "byB"}[attr]
        else:
            table = r.choice("HR")
            target = r.choice(["base", "byA", "byB"] + (["byL"] if table == "R" else []))
            hash_value = self.index_value(table, {"byA": "ga", "byB": "gb"}[target]) if target in ("byA", "byB") \
                else self.key(table)["pk"]
        values, names = {":h": hash_value}, {}
        if target == "base":
            condition = "pk = :h"
            if table == "R":
                condition += r.choice(["", "", " AND begins_with(sk, :p)", " AND sk BETWEEN :lo AND :hi", " AND sk >= :lo"])
        elif target == "byL":
            condition = "pk = :h" + r.choice(["", " AND ln > :lo", " AND ln BETWEEN :lo AND :hi"])
        elif target == "byA":
            condition = "ga = :h"
            sort = "gr" if table == "H" else "gs"
            choices = ["", " AND #s BETWEEN :lo AND :hi", " AND #s < :hi"] + ([" AND begins_with(#s, :p)"] if sort == "gs" else [])
            extra = r.choice(choices)
            if extra:
                condition += extra
                names["#s"] = sort
        else:
            condition = "gb = :h"
        sort_type = {"base": "S", "byL": "N", "byA": "N" if table == "H" else "S"}.get(target, "S")
        if ":lo" in condition:
            pool = NUMBERS if sort_type == "N" else LETTERS + ["x"]
            lo, hi = sorted(r.sample(pool, 2), key=(lambda v: float(v)) if sort_type == "N" else None)
            values[":lo"], values[":hi"] = {sort_type: lo}, {sort_type: hi}
        elif ":hi" in condition:
            values[":hi"] = {sort_type: r.choice(NUMBERS if sort_type == "N" else LETTERS)}
        if ":p" in condition:
            values[":p"] = {"S": r.choice(["a", "b", "ab", "x", "p"])}
        args = dict(TableName=table, KeyConditionExpression=condition, ExpressionAttributeValues=values)
        if names:
            args["ExpressionAttributeNames"] = names
        if target != "base":
            args["IndexName"] = target
        if r.random() < 0.5:
            args["Limit"] = r.randrange(1, 6)
        if r.random() < 0.4:
            args["ScanIndexForward"] = False
        if r.random() < 0.25:
            args["FilterExpression"] = "n > :fn"
            values[":fn"] = {"N": str(r.randrange(100))}
        if r.random() < 0.1:
            args["Select"] = "COUNT"
        elif r.random() < 0.1:
            args["ProjectionExpression"] = "pk, n"
        return args

    def legacy_query_args(self):
        """KeyConditions, the pre-expression form of a Query."""
        table = self.rng.choice("HR")
        return dict(TableName=table, IndexName="byA", Limit=3,
                    KeyConditions={"ga": {"ComparisonOperator": "EQ", "AttributeValueList": [self.index_value(table, "ga")]}})


def all_pages(client, args, max_pages=40):
    """Every page of a Query or Scan, following LastEvaluatedKey; errors are part of the answer."""
    pages, start = [], None
    for _ in range(max_pages):
        page_args = dict(args, ExclusiveStartKey=start) if start else args
        call = client.scan if "KeyConditionExpression" not in args and "KeyConditions" not in args else client.query
        answer = outcome(lambda: call(**page_args))
        pages.append(answer)
        start = answer[1].get("LastEvaluatedKey") if answer[0] == "ok" else None
        if not start:
            break
    return pages


def both_ways(client, args):
    """(pages with the speed-ups, pages with moto's original code), in a random order of running."""
    first_fast = random.random() < 0.5
    if first_fast:
        fast = all_pages(client, args)
    with moto_speedups.bypassed():
        original = all_pages(client, args)
    if not first_fast:
        fast = all_pages(client, args)
    return fast, original


def setUpModule():
    assert moto_speedups.install(), "moto_speedups did not install"


class SameAnswersTest(unittest.TestCase):
    def test_random_writes_and_queries_answer_as_unpatched_moto(self):
        rng = random.Random(OPTIONS["seed"])
        with mock_aws():
            client = boto3.client("dynamodb", region_name="us-east-1")
            create_tables(client)
            work = RandomWorkload(client, rng)
            counts = {"queries": 0, "items seen": 0, "failed writes": 0, "paged": 0}
            for step in range(OPTIONS["ops"]):
                written = work.write()
                counts["failed writes"] += written[0] == "error"
                for _ in range(rng.randrange(1, 4)):
                    roll = rng.random()
                    if roll < 0.05:
                        args = dict(TableName=rng.choice("HR"), Limit=rng.randrange(1, 30))
                        if rng.random() < 0.5:
                            args["IndexName"] = "byA"
                    elif roll < 0.1:
                        args = work.legacy_query_args()
                    else:
                        args = work.query_args()
                    fast, original = both_ways(client, args)
                    self.assertEqual(fast, original, f"step {step}: {args}")
                    counts["queries"] += 1
                    counts["paged"] += len(fast) > 1
                    counts["items seen"] += sum(len(p[1].get("Items", [])) for p in fast if p[0] == "ok")
            self.assertGreater(counts["items seen"], OPTIONS["ops"])  # the queries did find things
            self.assertGreater(counts["failed writes"], OPTIONS["ops"] // 20)  # conditions failed, rolled back
            self.assertGreater(counts["paged"], OPTIONS["ops"] // 20)
            print(f"\n  {OPTIONS['ops']} writes, {counts}", file=sys.stderr)

    def test_rolled_back_transaction_leaves_the_cache_of_the_restored_table_right(self):
        with mock_aws():
            client = boto3.client("dynamodb", region_name="us-east-1")
            create_tables(client)
            put = {"TableName": "R", "Item": {"pk": {"S": "p"}, "sk": {"S": "a"}, "ga": {"S": "a"}, "gs": {"S": "1"}}}
            client.put_item(**put)
            query = dict(TableName="R", IndexName="byA", KeyConditionExpression="ga = :a",
                         ExpressionAttributeValues={":a": {"S": "a"}})
            self.assertEqual(1, client.query(**query)["Count"])
            with self.assertRaises(ClientError):
                client.transact_write_items(TransactItems=[
                    {"Update": {"TableName": "R", "Key": {"pk": {"S": "p"}, "sk": {"S": "a"}},
                                "UpdateExpression": "SET ga = :b", "ExpressionAttributeValues": {":b": {"S": "b"}}}},
                    {"Put": dict(put, Item=dict(put["Item"], sk={"S": "b"}), ConditionExpression="attribute_exists(pk)")},
                ])
            self.assertEqual(1, client.query(**query)["Count"])
            client.update_item(TableName="R", Key={"pk": {"S": "p"}, "sk": {"S": "a"}}, UpdateExpression="SET ga = :b",
                               ExpressionAttributeValues={":b": {"S": "b"}})
            self.assertEqual(0, client.query(**query)["Count"])


    def test_index_values_that_cannot_be_hashed_fall_back_to_moto(self):
        with mock_aws():
            client = boto3.client("dynamodb", region_name="us-east-1")
            create_tables(client)
            for n, ga in enumerate([{"S": "a"}, {"L": [{"S": "a"}]}, {"SS": ["a"]}, {"M": {"a": {"S": "a"}}}]):
                outcome(lambda: client.put_item(TableName="H", Item={"pk": {"N": str(n)}, "ga": ga, "gr": {"N": "1"}}))
            for value in ({"S": "a"}, {"L": [{"S": "a"}]}):
                query = dict(TableName="H", IndexName="byA", KeyConditionExpression="ga = :a",
                             ExpressionAttributeValues={":a": value})
                fast, original = both_ways(client, query)
                self.assertEqual(fast, original)
                self.assertEqual(1, fast[0][1]["Count"])  # moto matches the one item of that very type


class LauncherTest(unittest.TestCase):
    def test_launcher_serves_concurrent_writes_and_queries(self):
        """The launcher imports the module from its own folder; the server answers from threads."""
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        proc = subprocess.Popen([sys.executable, str(SCRIPTS / "moto_launcher.py"), "0"], env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            line = proc.stdout.readline()
            self.assertTrue(line.startswith("READY "), line)
            client = boto3.client("dynamodb", region_name="us-east-1", endpoint_url="http://127.0.0.1:" + line.split()[1])
            create_tables(client)
            errors = []

            def writer(part):
                try:
                    for i in range(40):
                        client.put_item(TableName="R", Item={"pk": {"S": f"w{part}"}, "sk": {"S": f"{i:03}"},
                                                             "ga": {"S": "a"}, "gs": {"S": f"{part}-{i:03}"}})
                        client.query(TableName="R", IndexName="byA", KeyConditionExpression="ga = :a", Limit=5,
                                     ExpressionAttributeValues={":a": {"S": "a"}})
                except Exception as e:  # noqa: BLE001 reported below
                    errors.append(e)

            threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual([], errors)
            answer = client.query(TableName="R", IndexName="byA", KeyConditionExpression="ga = :a",
                                  ExpressionAttributeValues={":a": {"S": "a"}})
            self.assertEqual(160, answer["Count"])
            self.assertEqual(sorted(i["gs"]["S"] for i in answer["Items"]), [i["gs"]["S"] for i in answer["Items"]])
        finally:
            proc.stdin.close()  # the launcher stops when its standard input closes
            proc.wait(timeout=20)
            proc.stdout.close()


def timing(items=100_000, repeat=20):
    """GSI Query with Limit 20 on a table of `items` items: moto's own code against the speed-ups."""
    from moto.dynamodb.models import dynamodb_backends

    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        create_tables(client)
        table = dynamodb_backends["123456789012"]["us-east-1"].get_table("R")
        started = time.perf_counter()
        for i in range(items):  # straight into the model: 100,000 PutItem requests would take minutes
            table.put_item({"pk": {"S": f"p{i % 5000}"}, "sk": {"S": f"{i:06}"}, "ga": {"S": f"g{i % 1000}"},
                            "gs": {"S": f"{i:06}"}, "gb": {"N": str(i % 7)}, "n": {"N": str(i)}})
        print(f"loaded {items} items in {time.perf_counter() - started:.1f} s")
        gsi = dict(TableName="R", IndexName="byA", KeyConditionExpression="ga = :g", Limit=20,
                   ExpressionAttributeValues={":g": {"S": "g7"}})
        base = dict(TableName="R", KeyConditionExpression="pk = :p", Limit=20,
                    ExpressionAttributeValues={":p": {"S": "p7"}})

        def per_query(args, n):
            started = time.perf_counter()
            for _ in range(n):
                answer = strip(client.query(**args))
            return (time.perf_counter() - started) / n * 1000, answer

        for label, args in (("GSI", gsi), ("base table", base)):
            with moto_speedups.bypassed():
                before, original = per_query(args, 3)
            client.put_item(TableName="R", Item={"pk": {"S": "new"}, "sk": {"S": "1"}})  # the cache is now stale
            first, _ = per_query(args, 1)
            after, fast = per_query(args, repeat)
            assert fast == original, "different answers"
            print(f"{label} Query, Limit 20, {items} items: moto {before:.1f} ms; with speed-ups {after:.2f} ms "
                  f"({before / after:.0f}x), the first one after a write {first:.1f} ms")


if __name__ == "__main__":
    argv = [sys.argv[0]]
    args = iter(sys.argv[1:])
    for arg in args:
        if arg == "--timing":
            OPTIONS["timing"] = True
        elif arg in ("--ops", "--seed"):
            OPTIONS[arg[2:]] = int(next(args))
        else:
            argv.append(arg)
    outcome_ok = unittest.main(argv=argv, exit=False, verbosity=2).result.wasSuccessful()
    if outcome_ok and OPTIONS["timing"]:
        timing()
    sys.exit(0 if outcome_ok else 1)
