"""Checks moto_fidelity: DynamoDB requests are isolated, transactions all or nothing, and
TransactWriteItems answers as moto's own.

    python3 infra/local/src/test/python/test_moto_fidelity.py                  # what `make lint` runs, ~1 min
    python3 infra/local/src/test/python/test_moto_fidelity.py --timing         # then times transactions, ~4 min
    python3 infra/local/src/test/python/test_moto_fidelity.py --unpatched-race # then runs the race on moto as is
    ... --ops N --seed S                                                       # a longer or other sequence

* RaceTest: the launcher (both patches) serves 50 threads that, released together by a barrier,
  each order one car: a TransactWriteItems of a Put on the car conditioned on its status being
  AVAILABLE and a Put of an order item that must not exist yet. Exactly one wins, 20 rounds
  running; the car names the winner and one order item exists.
* LostWritesTest: one thread puts 200 items while three others run transactions whose condition
  fails. With the launcher's patches every put is there at the end and no part of a failed
  transaction is.
* WithoutThePatchTest: both go wrong against moto as is (AUTOCENTRIC_MOTO_FIDELITY=0): puts
  vanish, undone by the rolled-back transactions' table copies; with 300 items in the table a
  race round goes wrong within the first few (--unpatched-race counts 20 rounds with 1 item and
  with 300: 2 to 13, and 8 to 20, went wrong so far, depending on the machine's load).
* SameAnswersTest: a seeded random sequence of transactions (Put, Update, Delete and
  ConditionCheck; conditions that pass and fail, ReturnValuesOnConditionCheckFailure, two
  operations on one item, spelled alike or not ("1" and "1.0"), more than 100 items, update
  expressions that fail on the item, unknown tables) between single-item writes and batches goes
  to two regions of one in-process moto: one patched, one running moto's own TransactWriteItems
  (`moto_fidelity.bypassed()`). Every answer (error code, message, cancellation reasons with
  their items), the items of every table and index Query results must be the same.
* RestoreTest: a write that fails after others were made (injected; it cannot happen otherwise)
  leaves the items, the stream and moto_speedups' cached Query answers as before.

The in-process tests install moto_speedups first, then moto_fidelity; the launcher installs them
the other way round, and OrderTest reruns RestoreTest in that order.
"""
import argparse
import collections
import functools
import io
import itertools
import os
import random
import subprocess
import sys
import threading
import time
import unittest
from contextlib import contextmanager, nullcontext, redirect_stderr
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.dont_write_bytecode = True  # no __pycache__ among the resources, which go into the jar

from test_moto_speedups import (  # noqa: E402 (sets the credentials and the import path first)
    LETTERS,
    NUMBERS,
    SCRIPTS,
    RandomWorkload,
    create_tables,
    key_of,
    strip,
)

import boto3  # noqa: E402
import moto  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402
from moto import mock_aws  # noqa: E402
from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends  # noqa: E402
from moto.dynamodb.models.dynamo_type import Item  # noqa: E402
from moto.dynamodb.responses import DynamoHandler  # noqa: E402

import moto_fidelity  # noqa: E402
import moto_speedups  # noqa: E402

OPTIONS = {"ops": 1200, "seed": 20240612, "timing": False, "unpatched_race": False, "fidelity_first": False}
ACCOUNT = "123456789012"  # moto's default
UNCOUNTED = Config(retries={"total_max_attempts": 1}, max_pool_connections=64)  # one request per call


def setUpModule():
    first, second = (moto_fidelity, moto_speedups) if OPTIONS["fidelity_first"] else (moto_speedups, moto_fidelity)
    assert first.install() and second.install(), "the patches did not install"


@contextmanager
def launcher(**env):
    """moto_launcher.py in a child process (as the Java side runs it); yields a client for it."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", **env)
    proc = subprocess.Popen([sys.executable, str(SCRIPTS / "moto_launcher.py"), "0"], env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        line = proc.stdout.readline()
        assert line.startswith("READY "), line
        yield boto3.client("dynamodb", region_name="us-east-1", endpoint_url="http://127.0.0.1:" + line.split()[1],
                           config=UNCOUNTED)
    finally:
        proc.stdin.close()  # the launcher stops when its standard input closes
        proc.wait(timeout=20)
        proc.stdout.close()


def create_simple_table(client, name):
    client.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])


def run_together(count, work):
    """Runs work(0) ... work(count - 1) on threads released at once; returns their results."""
    barrier, results = threading.Barrier(count), [None] * count

    def run(n):
        barrier.wait()
        try:
            results[n] = ("ok", work(n))
        except ClientError as e:
            results[n] = ("error", e.response["Error"]["Code"], e.response.get("CancellationReasons"))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def race(client, rounds, buyers=50, table="Race", fillers=0, until_wrong=False):
    """Rounds of `buyers` simultaneous orders of one car, in a table of the car and `fillers`
    other items; returns, per round, what went wrong ("" when nothing did)."""
    create_simple_table(client, table)
    for n in range(fillers):
        client.put_item(TableName=table, Item={"pk": {"S": f"filler-{n}"}})
    faults = []
    for round_ in range(rounds):
        client.put_item(TableName=table, Item={"pk": {"S": "car"}, "status": {"S": "AVAILABLE"}})

        def order(buyer):
            return client.transact_write_items(TransactItems=[
                {"Put": {"TableName": table, "ConditionExpression": "#status = :available",
                         "ExpressionAttributeNames": {"#status": "status"},
                         "ExpressionAttributeValues": {":available": {"S": "AVAILABLE"}},
                         "Item": {"pk": {"S": "car"}, "status": {"S": "RESERVED"}, "owner": {"S": str(buyer)}}}},
                {"Put": {"TableName": table, "ConditionExpression": "attribute_not_exists(pk)",
                         "Item": {"pk": {"S": f"order-{round_}-{buyer}"}, "buyer": {"S": str(buyer)}}}},
            ])

        results = run_together(buyers, order)
        winners = [str(n) for n, result in enumerate(results) if result[0] == "ok"]
        losers = [r for r in results if r[0] == "error" and r[1] == "TransactionCanceledException"
                  and [reason["Code"] for reason in r[2]] == ["ConditionalCheckFailed", "None"]]
        owner = client.get_item(TableName=table, Key={"pk": {"S": "car"}})["Item"].get("owner", {}).get("S")
        orders = client.scan(TableName=table, FilterExpression="begins_with(pk, :round)",
                             ExpressionAttributeValues={":round": {"S": f"order-{round_}-"}})["Items"]
        fault = []
        if len(winners) != 1 or len(losers) != buyers - 1:
            fault.append(f"{len(winners)} won, {len(losers)} lost on the condition")
        if [owner] != winners[:1] or [o["buyer"]["S"] for o in orders] != winners[:1]:
            fault.append(f"the car names {owner}, order items of {[o['buyer']['S'] for o in orders]}")
        faults.append("; ".join(fault))
        if fault and until_wrong:
            break
    return faults


def lost_writes(client, table="Busy", puts=200, spoilers=3):
    """One thread puts `puts` items while `spoilers` threads run transactions that fail (a Put
    and a ConditionCheck on a missing item); returns (puts missing at the end, items left of
    failed transactions, {error code: transactions})."""
    create_simple_table(client, table)
    done, codes = threading.Event(), collections.Counter()

    def writer():
        try:
            for n in range(puts):
                client.put_item(TableName=table, Item={"pk": {"S": f"put-{n}"}})
        finally:
            done.set()

    def spoiler(n):
        for attempt in itertools.count():
            if done.is_set():
                return
            try:
                client.transact_write_items(TransactItems=[
                    {"Put": {"TableName": table, "Item": {"pk": {"S": f"spoiler-{n}-{attempt}"}}}},
                    {"ConditionCheck": {"TableName": table, "Key": {"pk": {"S": "nobody"}},
                                        "ConditionExpression": "attribute_exists(pk)"}},
                ])
                codes["ok"] += 1
            except ClientError as e:
                codes[e.response["Error"]["Code"]] += 1

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=spoiler, args=(n,)) for n in range(spoilers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    keys = {item["pk"]["S"] for item in all_items(client, table)}
    return ([n for n in range(puts) if f"put-{n}" not in keys], sorted(k for k in keys if k.startswith("spoiler-")),
            dict(codes))


def all_items(client, table):
    items, start = [], {}
    while True:
        page = client.scan(TableName=table, **start)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        start = {"ExclusiveStartKey": page["LastEvaluatedKey"]}


class RaceTest(unittest.TestCase):
    def test_of_50_simultaneous_orders_of_one_car_exactly_one_wins_20_rounds_running(self):
        with launcher() as client:
            faults = race(client, rounds=20)
        self.assertEqual([""] * 20, faults)


class LostWritesTest(unittest.TestCase):
    def test_failed_transactions_undo_no_other_write(self):
        with launcher() as client:
            missing, leftovers, codes = lost_writes(client)
        self.assertEqual(["TransactionCanceledException"], list(codes))
        self.assertGreater(codes["TransactionCanceledException"], 20)  # they did overlap the writer
        self.assertEqual(([], []), (missing, leftovers))


class WithoutThePatchTest(unittest.TestCase):
    """Shows that the two tests above can see the faults: moto as is (AUTOCENTRIC_MOTO_FIDELITY=0)
    has them, seen in every run so far."""

    def test_moto_as_is_loses_writes(self):
        with launcher(AUTOCENTRIC_MOTO_FIDELITY="0") as client:
            for attempt in range(3):
                missing, leftovers, _ = lost_writes(client, table=f"Busy{attempt}")
                if missing or leftovers:
                    print(f"\n  {len(missing)} of 200 puts lost, {len(leftovers)} items left of failed transactions "
                          f"(run {attempt + 1})", file=sys.stderr)
                    return
        self.fail("moto without the patch lost no write in three runs")

    def test_moto_as_is_loses_the_race(self):
        """With 300 items in the table (its copy takes long enough), 8 to 20 rounds in 20 go wrong."""
        with launcher(AUTOCENTRIC_MOTO_FIDELITY="0") as client:
            faults = race(client, rounds=20, fillers=299, until_wrong=True)
        self.assertTrue(faults[-1], "20 rounds went right")
        print(f"\n  round {len(faults)}: {faults[-1]}", file=sys.stderr)


def answer(call):
    """(what to compare, the ClientError to raise again or None)."""
    try:
        return ("ok", strip(call())), None
    except ClientError as e:
        error = e.response["Error"]
        return ("error", error.get("Code"), error.get("Message"), e.response.get("CancellationReasons")), e


class BothRegions:
    """Looks like a DynamoDB client; sends each call to two regions of one moto, the second
    under moto_fidelity.bypassed() (moto's own TransactWriteItems), and checks the answers match."""

    def __init__(self, test):
        self.test = test
        self.patched = boto3.client("dynamodb", region_name="us-east-1")
        self.original = boto3.client("dynamodb", region_name="eu-west-1")
        self.answers = collections.Counter()
        self.step = None

    def __getattr__(self, name):
        def call(**kwargs):
            patched, error = answer(lambda: getattr(self.patched, name)(**kwargs))
            with moto_fidelity.bypassed():
                original, _ = answer(lambda: getattr(self.original, name)(**kwargs))
            if name not in ("create_table", "update_table"):  # those answer with times and ARNs
                self.test.assertEqual(original, patched, f"step {self.step}: {name} {kwargs}")
            if name == "transact_write_items":
                reasons = [reason["Code"] for reason in patched[3] or []] if error else []
                self.answers[patched[1] if error else "ok"] += 1
                self.answers["reasons with the old item"] += sum("Item" in r for r in (patched[3] or [])) if error else 0
                for code in set(reasons) - {"None", "ConditionalCheckFailed"}:
                    self.answers["reason " + code] += 1
            if error:
                raise error
            return patched[1]

        return call


class TransactionWorkload(RandomWorkload):
    """RandomWorkload (test_moto_speedups) plus transactions of every kind moto answers."""

    def condition(self, body, table):
        r = self.rng
        roll = r.random()
        if roll < 0.3:
            body["ConditionExpression"] = r.choice(["attribute_exists(pk)", "attribute_not_exists(pk)"])
        elif roll < 0.45:
            body["ConditionExpression"] = "n < :limit"
            body.setdefault("ExpressionAttributeValues", {})[":limit"] = {"N": str(r.randrange(100))}
        if "ConditionExpression" in body and r.random() < 0.5:
            body["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"

    def operation(self, table):
        r = self.rng
        kind = r.choices(["Put", "Update", "Delete", "ConditionCheck"], [35, 35, 15, 15])[0]
        if kind == "Put":
            body = {"TableName": table, "Item": self.item(table)}
        elif kind == "Update":
            body = self.update_args(table)
            body.pop("ConditionExpression", None)
            body["ExpressionAttributeValues"].pop(":limit", None)
            if r.random() < 0.7:  # n + 1 fails (a validation error) where there is no n yet
                body["UpdateExpression"] = body["UpdateExpression"].replace("n = n + :one", "n = :one")
        else:
            body = {"TableName": table, "Key": self.key(table)}
        self.condition(body, table)
        if kind == "ConditionCheck" and "ConditionExpression" not in body:
            body["ConditionExpression"] = "attribute_exists(pk)"
        return {kind: body}

    def oddity(self, operations):
        """Now and then, something moto turns down or fails on while writing."""
        r, roll = self.rng, self.rng.random()
        if roll < 0.02:
            return [{"Put": {"TableName": "H", "Item": {"pk": {"N": str(1000 + n)}}}} for n in range(101)]
        if roll < 0.04:  # two operations in one entry, first: moto then has written nothing either
            entry = self.operation("R")
            entry["Delete" if "ConditionCheck" in entry else "ConditionCheck"] = {
                "TableName": "H", "Key": self.key("H"), "ConditionExpression": "attribute_exists(pk)"}
            return [entry] + operations
        if roll < 0.08:  # the same item again, with the same key (or "1" for "1.0": moto lets that through)
            again = r.choice(operations)
            kind, body = next(iter(again.items()))
            table = body["TableName"]
            key = dict(key_of(table, body["Item"]) if kind == "Put" else body["Key"])
            if table == "H" and r.random() < 0.5:
                key["pk"] = {"N": {"1": "1.0", "1.0": "1", "0": "-0", "-0": "0"}.get(key["pk"]["N"], key["pk"]["N"])}
            check = {"ConditionCheck": {"TableName": table, "Key": key, "ConditionExpression": "attribute_exists(pk)"}}
            return operations + [check]
        if roll < 0.1:  # fails only while the update is applied: `missing` is not there
            return operations + [{"Update": {"TableName": "R", "Key": self.key("R"), "UpdateExpression": "SET n = missing + :one",
                                             "ExpressionAttributeValues": {":one": {"N": "1"}}}}]
        if roll < 0.12:  # a number moto turns down while writing, reported as that item's reason
            return operations + [{"Put": {"TableName": "R", "Item": dict(self.item("R"), n={"N": "1e400"})}}]
        if roll < 0.14:
            return operations + [{"Delete": {"TableName": "Missing", "Key": {"pk": {"S": "p"}}}}]
        if roll < 0.16:  # a key without its sort key
            return operations + [{"Delete": {"TableName": "R", "Key": {"pk": {"S": "p1"}}}}]
        return operations

    def transaction(self):
        operations = [self.operation(self.rng.choice("HR")) for _ in range(self.rng.randrange(1, 6))]
        operations = self.oddity(operations)
        return self.client.transact_write_items(TransactItems=operations)


class SameAnswersTest(unittest.TestCase):
    def test_random_transactions_answer_as_moto_does(self):
        rng = random.Random(OPTIONS["seed"])
        with mock_aws():
            both = BothRegions(self)
            create_tables(both)
            work = TransactionWorkload(both, rng)
            for step in range(OPTIONS["ops"]):
                both.step = step
                try:
                    work.transaction() if rng.random() < 0.7 else work.write()
                except ClientError:
                    pass  # both regions answered alike: BothRegions checked
                if step % 25 == 0:
                    for _ in range(3):
                        both.query(**work.query_args())
            for table in ("H", "R"):
                self.assertEqual(all_items(both.original, table), all_items(both.patched, table))
                for index, attr in (("byA", "ga"), ("byB", "gb")):
                    kind = "N" if (table, attr) == ("R", "gb") else "S"
                    for value in NUMBERS[:4] if kind == "N" else LETTERS[:3]:
                        both.query(TableName=table, IndexName=index, KeyConditionExpression=f"{attr} = :v",
                                   ExpressionAttributeValues={":v": {kind: value}})
            counts = both.answers
            print(f"\n  {OPTIONS['ops']} steps, transactions: {dict(counts)}", file=sys.stderr)
            self.assertGreater(counts["ok"], OPTIONS["ops"] // 5)
            self.assertGreater(counts["TransactionCanceledException"], OPTIONS["ops"] // 10)
            self.assertGreater(counts["reasons with the old item"], OPTIONS["ops"] // 50)
            self.assertGreater(counts["ValidationException"], OPTIONS["ops"] // 50)
            self.assertGreater(counts["reason ValidationException"] + counts["reason ResourceNotFoundException"], 5)

    def test_one_item_named_twice_in_other_spellings_is_seen_in_order(self):
        """Moto tells operations apart by their key's text: "1" and "1.0" pass as two items, and
        the second operation sees what the first wrote. So does the shadow."""
        with mock_aws():
            both = BothRegions(self)
            create_tables(both)
            both.transact_write_items(TransactItems=[
                {"Put": {"TableName": "H", "Item": {"pk": {"N": "1"}, "n": {"N": "5"}}}},
                {"Update": {"TableName": "H", "Key": {"pk": {"N": "1.0"}}, "UpdateExpression": "SET n = n + :one",
                            "ConditionExpression": "attribute_exists(pk)", "ExpressionAttributeValues": {":one": {"N": "1"}}}}])
            self.assertEqual([{"pk": {"N": "1"}, "n": {"N": "6"}}], both.scan(TableName="H")["Items"])

    def test_two_operations_in_one_entry_write_nothing(self):
        """The one answer that differs on purpose: moto keeps the entries before the bad one."""
        with mock_aws():
            client = boto3.client("dynamodb", region_name="us-east-1")
            create_tables(client)
            entries = [{"Put": {"TableName": "H", "Item": {"pk": {"N": "1"}}}},
                       {"Put": {"TableName": "H", "Item": {"pk": {"N": "2"}}},
                        "Delete": {"TableName": "H", "Key": {"pk": {"N": "3"}}}}]
            for bypass, expected in ((False, []), (True, [{"pk": {"N": "1"}}])):
                with moto_fidelity.bypassed() if bypass else nullcontext():
                    with self.assertRaises(ClientError) as raised:
                        client.transact_write_items(TransactItems=entries)
                self.assertIn("can only contain one of", raised.exception.response["Error"]["Message"])
                self.assertEqual(expected, client.scan(TableName="H")["Items"])

    def test_a_transaction_copies_no_table(self):
        with mock_aws():
            client = boto3.client("dynamodb", region_name="us-east-1")
            create_tables(client)
            for n in range(300):
                client.put_item(TableName="R", Item={"pk": {"S": "p"}, "sk": {"S": f"{n:03}"}})
            tracked = len(Item.instances_tracked)
            with self.assertRaises(ClientError):
                client.transact_write_items(TransactItems=[
                    {"Put": {"TableName": "R", "Item": {"pk": {"S": "p"}, "sk": {"S": "new"}}}},
                    {"ConditionCheck": {"TableName": "R", "Key": {"pk": {"S": "p"}, "sk": {"S": "none"}},
                                        "ConditionExpression": "attribute_exists(pk)"}}])
            self.assertEqual(tracked, len(Item.instances_tracked))  # moto's own: 600 copies (one per operation), kept


class RestoreTest(unittest.TestCase):
    def test_a_write_failing_after_others_puts_back_what_they_changed(self):
        with mock_aws():
            client = boto3.client("dynamodb", region_name="us-east-1")
            create_tables(client)
            client.update_table(TableName="R",
                                StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})

            def item(sk, ga):
                return {"pk": {"S": "p"}, "sk": {"S": sk}, "ga": {"S": ga}, "gs": {"S": sk}, "n": {"N": "1"}}

            for sk, ga in (("a", "x"), ("b", "x"), ("c", "y")):
                client.put_item(TableName="R", Item=item(sk, ga))
            by_x = dict(TableName="R", IndexName="byA", KeyConditionExpression="ga = :x",
                        ExpressionAttributeValues={":x": {"S": "x"}})
            before = (all_items(client, "R"), strip(client.query(**by_x)))  # the query's answer is now cached
            backend = dynamodb_backends[ACCOUNT]["us-east-1"]
            stream = backend.get_table("R").stream_shard
            records = len(stream.items)
            transaction = [
                {"Put": {"TableName": "R", "Item": item("d", "x")}},
                {"Update": {"TableName": "R", "Key": {"pk": {"S": "p"}, "sk": {"S": "a"}},
                            "UpdateExpression": "SET ga = :y, n = n + :one",
                            "ExpressionAttributeValues": {":y": {"S": "y"}, ":one": {"N": "1"}}}},
                {"Put": {"TableName": "R", "Item": item("b", "y")}},
                {"Delete": {"TableName": "R", "Key": {"pk": {"S": "p"}, "sk": {"S": "c"}}}},
            ]
            half_written = []  # what the query answers after the first three writes (and caches)
            with self.failing_delete_on(backend, lambda: half_written.append(client.query(**by_x)["Count"])):
                with self.assertRaises(RuntimeError):
                    backend.transact_write_items(transaction)
            self.assertEqual([1], half_written)
            self.assertEqual(before, (all_items(client, "R"), strip(client.query(**by_x))))
            self.assertEqual(records, len(stream.items))
            client.transact_write_items(TransactItems=transaction)  # and without the fault it goes through
            self.assertEqual(["d"], [i["sk"]["S"] for i in client.query(**by_x)["Items"]])
            self.assertEqual(records + 4, len(stream.items))

    @contextmanager
    def failing_delete_on(self, backend, first):
        """DeleteItem on `backend` (not on the transaction's shadow of it) calls first() and raises."""
        original = DynamoDBBackend.delete_item

        def delete_item(self, *args, **kwargs):
            if self is backend:
                first()
                raise RuntimeError("injected")
            return original(self, *args, **kwargs)

        DynamoDBBackend.delete_item = delete_item
        try:
            yield
        finally:
            DynamoDBBackend.delete_item = original


class InstallTest(unittest.TestCase):
    def test_install_is_idempotent_and_leaves_another_moto_alone(self):
        patched = (DynamoHandler.call_action, DynamoDBBackend.transact_write_items)
        self.assertTrue(moto_fidelity.install())
        version, moto.__version__ = moto.__version__, "5.3.0"
        try:
            with redirect_stderr(io.StringIO()) as err:
                self.assertFalse(moto_fidelity.install())
        finally:
            moto.__version__ = version
        self.assertIn("written for moto 5.2.1, found 5.3.0", err.getvalue())
        self.assertEqual(patched, (DynamoHandler.call_action, DynamoDBBackend.transact_write_items))


class OrderTest(unittest.TestCase):
    def test_restore_with_fidelity_installed_before_speedups(self):
        if OPTIONS["fidelity_first"]:
            self.skipTest("this is that run")
        run = subprocess.run([sys.executable, __file__, "--fidelity-first", "RestoreTest"], capture_output=True, text=True,
                             env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"), timeout=120)
        self.assertEqual(0, run.returncode, run.stderr)


def timing(sizes=(3_000, 100_000)):
    """TransactWriteItems (a conditional Update of a listing and a Put of an order) on a table with
    5 indexes: patched, then moto's own (whose leftovers would slow down what runs after them)."""
    for size in sizes:
        with mock_aws():
            client = boto3.client("dynamodb", region_name="us-east-1")
            names = ["pk"] + [f"g{n}" for n in range(5)]
            client.create_table(
                TableName="Listings", BillingMode="PAY_PER_REQUEST", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": name, "AttributeType": "S"} for name in names],
                GlobalSecondaryIndexes=[{"IndexName": f"by{n}", "Projection": {"ProjectionType": "ALL"},
                                         "KeySchema": [{"AttributeName": f"g{n}", "KeyType": "HASH"}]} for n in range(5)])
            table = dynamodb_backends[ACCOUNT]["us-east-1"].get_table("Listings")
            for i in range(size):  # straight into the model
                table.put_item({"pk": {"S": f"car-{i}"}, "status": {"S": "AVAILABLE"}, "price": {"N": str(10_000 + i)},
                                **{f"g{n}": {"S": f"v{i % (7 + n)}"} for n in range(5)},
                                "text": {"S": "a listing of about the usual size " * 8}})
            counter = iter(range(10**9))

            def order(wins):
                n = next(counter)
                try:
                    client.transact_write_items(TransactItems=[
                        {"Update": {"TableName": "Listings", "Key": {"pk": {"S": f"car-{n % size}" if wins else "car-none"}},
                                    "UpdateExpression": "SET #s = :r", "ConditionExpression": "attribute_exists(pk)",
                                    "ExpressionAttributeNames": {"#s": "status"},
                                    "ExpressionAttributeValues": {":r": {"S": "RESERVED"}}}},
                        {"Put": {"TableName": "Listings", "Item": {"pk": {"S": f"order-{n}"}}}}])
                except ClientError:
                    pass

            def put():
                client.put_item(TableName="Listings", Item={"pk": {"S": f"order-{next(counter)}"}})

            runs = [("PutItem, for comparison", nullcontext, 30, put)]
            for label, context in (("patched", nullcontext), ("moto", moto_fidelity.bypassed)):
                repeat = 30 if label == "patched" else 10 if size < 10_000 else 2
                runs += [(f"{label}, {outcome} transaction", context, repeat, functools.partial(order, wins))
                         for outcome, wins in (("succeeding", True), ("failing", False))]
            for label, context, repeat, work in runs:
                with context():
                    tracked = len(Item.instances_tracked)
                    started = time.perf_counter()
                    for _ in range(repeat):
                        work()
                    per = (time.perf_counter() - started) / repeat * 1000
                    kept = (len(Item.instances_tracked) - tracked) / repeat
                print(f"{size} items, {label}: {per:.1f} ms, {kept:.0f} items added to Item.instances_tracked each")


def unpatched_race(rounds=20):
    with launcher(AUTOCENTRIC_MOTO_FIDELITY="0") as client:
        for fillers in (0, 299):
            faults = race(client, rounds, table=f"Race{fillers}", fillers=fillers)
            print(f"moto as is, {fillers + 1} items: {sum(map(bool, faults))} of {rounds} rounds went wrong, "
                  f"e.g. {[f for f in faults if f][:3]}")


if __name__ == "__main__":
    options = argparse.ArgumentParser(add_help=False)  # what it does not know goes to unittest
    for flag in ("--timing", "--unpatched-race", "--fidelity-first"):
        options.add_argument(flag, action="store_true")
    for flag in ("--ops", "--seed"):
        options.add_argument(flag, type=int, default=OPTIONS[flag[2:]])
    known, rest = options.parse_known_args()
    OPTIONS.update(vars(known))
    passed = unittest.main(argv=sys.argv[:1] + rest, exit=False, verbosity=2).result.wasSuccessful()
    if passed and OPTIONS["timing"]:
        timing()
    if passed and OPTIONS["unpatched_race"]:
        unpatched_race()
    sys.exit(0 if passed else 1)
