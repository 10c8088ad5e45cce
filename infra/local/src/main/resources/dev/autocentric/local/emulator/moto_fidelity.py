"""Makes moto's DynamoDB answer one request at a time, and TransactWriteItems all or nothing.

Why: moto 5.2.1 in server mode handles each HTTP request on its own thread and takes no lock, so
two requests can interleave anywhere inside moto's code. Real DynamoDB makes every single-item
write atomic and runs transactions serializably: of 50 simultaneous orders of one vehicle, each a
TransactWriteItems with a Put conditioned on `#status = :AVAILABLE`, exactly one succeeds. Under
moto several could pass the condition before any of them wrote. Moto's TransactWriteItems has two
more problems of its own:

* it `copy.deepcopy`s every table the transaction names, on every call (milliseconds per
  thousand items, and each copied Item also stays in moto's `Item.instances_tracked` list, which
  nothing empties while the server runs);
* when a condition fails it puts those copies back into `backend.tables`, dropping whatever any
  other thread wrote to those tables in the meantime.

What this changes, in memory only (moto's files stay as installed), once `install()` has run:

* `DynamoHandler.call_action`, through which every DynamoDB API request passes once its body is
  parsed (GetItem, Query, Scan, PutItem, UpdateItem, DeleteItem, the batch and transaction calls,
  PartiQL, the table calls), runs under one process-wide re-entrant lock, `LOCK`. Each request
  is then atomic and isolated, as DynamoDB's are. The cost is taking the lock once per request:
  the interpreter lock let only one of those threads run at a time anyway. DynamoDB Streams
  requests take it too, so a reader sees a transaction's stream records all or none.
  Nothing inside a request may wait for another thread's DynamoDB request, or both would wait
  for ever; in moto only a Lambda event source mapping on a stream could (a function run in
  Docker that calls DynamoDB). The local runtime polls the streams itself and maps none.
* `DynamoDBBackend.transact_write_items` is replaced. It also takes `LOCK`, so a caller that uses
  the backend directly is covered too. The new one:
    1. makes a *shadow* of the tables the transaction names: shallow copies of the Table objects
       that hold copies of just the items the transaction addresses, and no stream;
    2. runs moto's own per-item loop (rewritten here step for step, without the table backup)
       against the shadow: the same checks in the same order, each condition evaluated, each
       write applied with moto's put_item/delete_item/update_item, so errors that only show
       while writing (an update expression that does not fit the item, a number out of range)
       and two keys naming one item ("1" and "1.0") come out as moto's loop has them;
    3. raises what that loop raises (MultipleTransactionsException and the other validation
       errors at once, TransactionCanceledException with one reason per item, in order,
       ConditionalCheckFailed with the old item under ReturnValuesOnConditionCheckFailure=ALL_OLD,
       'None' for items that passed) and then nothing has been written;
    4. otherwise makes the same put_item/delete_item/update_item calls on the real backend, in
       the same order. They meet the state the shadow had, so they succeed. Should one fail
       anyway, the items written so far are put back as they were (through Table.put_item and
       Table.delete_item, which keep moto_speedups' caches right), the stream records those
       writes added are dropped, and the error is raised.
  No table's items are copied and no table is replaced.

Difference from moto 5.2.1, on purpose: a TransactItems entry with two operations
(TransactWriteSingleOpException) leaves the tables untouched; moto keeps the writes of the
entries before it. DynamoDB rejects the whole request. Everything else answers as moto does:
infra/local/src/test/python/test_moto_fidelity.py compares both over a long random sequence.

Works with moto_speedups installed before or after it. On another moto version it changes
nothing. `bypassed()` runs moto's own TransactWriteItems (still under the lock), for that
comparison.
"""
import collections
import contextlib
import copy
import functools
import sys
import threading

SUPPORTED_MOTO = "5.2.1"
LOCK = threading.RLock()  # held by every DynamoDB request, and by every transaction
OPERATIONS = {"ConditionCheck", "Put", "Delete", "Update"}

_bypass = threading.Event()  # set: TransactWriteItems runs moto's own code


@contextlib.contextmanager
def bypassed():
    """Within this block (on every thread), TransactWriteItems runs moto's own code."""
    already = _bypass.is_set()
    _bypass.set()
    try:
        yield
    finally:
        if not already:
            _bypass.clear()


class _Shadow:
    """A stand-in for the backend that holds, for each table the transaction names, a shallow
    copy of the Table with copies of the items the transaction addresses and nothing else."""

    def __init__(self, backend, transact_items):
        self.backend = copy.copy(backend)  # a BaseBackend: plain attributes, no __init__ run
        self.backend.tables = collections.OrderedDict()
        by_real = {}
        for entry in transact_items:
            try:
                op_type, op = next(iter(entry.items()))
                table = backend.get_table(op["TableName"])
                shadow = by_real.get(id(table))
                if shadow is None:
                    shadow = by_real[id(table)] = self.backend.tables[table.name] = _shadow_table(table)
                hash_key, range_key = backend.get_keys_value(table, _key_of(table, op_type, op))
                if shadow.get_item(hash_key, range_key) is None:
                    item = table.get_item(hash_key, range_key)
                    if item is not None:
                        _store(shadow, hash_key, range_key, copy.deepcopy(item))
            except Exception:  # noqa: BLE001 the loop over the shadow meets it again and reports it
                continue


def _shadow_table(table):
    """The Table without its items and stream; its schema and indexes are shared, read only.
    Made with object.__new__, so that moto's BaseModel.__new__ does not keep it for good."""
    shadow = object.__new__(type(table))
    shadow.__dict__.update(table.__dict__)
    shadow.items = collections.defaultdict(dict)
    shadow.stream_shard = None
    return shadow


def _store(table, hash_key, range_key, item):
    """Where moto's Table.put_item keeps an item."""
    if range_key:
        table.items[hash_key][range_key] = item
    else:
        table.items[hash_key] = item


def _key_of(table, op_type, op):
    """The key of the item an operation addresses, as moto's loop works it out."""
    if op_type != "Put":
        return op["Key"]
    attrs = op["Item"]
    key = {table.hash_key_attr: attrs[table.hash_key_attr]}
    if table.range_key_attr is not None:
        key[table.range_key_attr] = attrs[table.range_key_attr]
    return key


def _write(backend, op_type, table_name, key, op):
    """The write moto's loop makes for one operation (a ConditionCheck makes none)."""
    names = op.get("ExpressionAttributeNames")
    values = op.get("ExpressionAttributeValues")
    condition = op.get("ConditionExpression")
    if op_type == "Put":
        backend.put_item(table_name, op["Item"], condition_expression=condition,
                         expression_attribute_names=names, expression_attribute_values=values)
    elif op_type == "Delete":
        backend.delete_item(table_name, key, condition_expression=condition,
                            expression_attribute_names=names, expression_attribute_values=values)
    elif op_type == "Update":
        backend.update_item(table_name, key, update_expression=op["UpdateExpression"],
                            condition_expression=condition, expression_attribute_names=names,
                            expression_attribute_values=values)


class _Undo:
    """What the real writes replaced: the first state of each item they touched, and how many
    stream records each table had, so that a failure part-way can put all of it back."""

    def __init__(self, backend):
        self.backend = backend
        self.items = {}  # (id(table), hash, range) -> (table, hash, range, attributes or None)
        self.streams = {}  # id(table) -> (stream shard, its record count)

    def remember(self, table_name, key):
        table = self.backend.get_table(table_name)
        hash_key, range_key = self.backend.get_keys_value(table, key)
        slot = (id(table), hash_key, range_key)
        if slot not in self.items:
            item = table.get_item(hash_key, range_key)
            self.items[slot] = (table, hash_key, range_key, None if item is None else item.to_json()["Attributes"])
        if id(table) not in self.streams and table.stream_shard is not None:
            self.streams[id(table)] = (table.stream_shard, len(table.stream_shard.items))

    def restore(self):
        for table, hash_key, range_key, attrs in reversed(list(self.items.values())):
            if attrs is not None:
                table.put_item(attrs)
            elif table.get_item(hash_key, range_key) is not None:
                table.delete_item(hash_key, range_key)
        for shard, count in self.streams.values():
            if len(shard.items) >= count:
                del shard.items[count:]


def install():
    """Patches moto's DynamoDB classes; returns False (and changes nothing) on another moto."""
    import moto

    if moto.__version__ != SUPPORTED_MOTO:
        print(f"moto_fidelity: written for moto {SUPPORTED_MOTO}, found {moto.__version__}; "
              "not installed", file=sys.stderr)
        return False
    from moto.dynamodb.comparisons import get_filter_expression
    from moto.dynamodb.exceptions import (
        ConditionalCheckFailed,
        MockValidationException,
        MultipleTransactionsException,
        TooManyTransactionsException,
        TransactionCanceledException,
        TransactWriteSingleOpException,
    )
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.dynamo_type import Item
    from moto.dynamodb.responses import DynamoHandler
    from moto.dynamodbstreams.responses import DynamoDBStreamsHandler

    if getattr(DynamoDBBackend.transact_write_items, "autocentric_fidelity", False):
        return True
    original_transact = DynamoDBBackend.transact_write_items

    def dry_run(shadow, transact_items):
        """Moto's loop, against the shadow: returns (the reason per item, the writes to make),
        or raises what moto raises before it gets to the end."""
        targets, reasons, writes = set(), [], []
        for entry in transact_items:
            old_item = None
            if len(list(entry.keys())) > 1:
                raise TransactWriteSingleOpException
            try:
                op_type, op = next(iter(entry.items()))
                if op_type not in OPERATIONS:
                    raise ValueError("Unsupported transaction operation")
                table_name = op["TableName"]
                key = _key_of(shadow.get_table(table_name), op_type, op) if op_type == "Put" else op["Key"]
                target = (str(table_name), str(dict(sorted(key.items()))))
                if target in targets:
                    raise MultipleTransactionsException()
                targets.add(target)
                current = shadow.get_item(table_name, key)
                condition = op.get("ConditionExpression")
                if condition is not None:
                    check = get_filter_expression(condition, op.get("ExpressionAttributeNames"),
                                                  op.get("ExpressionAttributeValues"))
                    if not check.expr(current):
                        if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                            old_item = current.to_json()["Attributes"]
                        raise ConditionalCheckFailed(item=old_item)
                _write(shadow, op_type, table_name, key, op)
                writes.append((op_type, table_name, key, op))
                reasons.append((None, None, None))
            except MockValidationException:
                raise
            except ConditionalCheckFailed as e:
                reasons.append(("ConditionalCheckFailed", str(e.message), old_item))
            except Exception as e:  # noqa: BLE001 moto reports any other error as the item's reason
                reasons.append((type(e).__name__, str(e), old_item))
        return reasons, writes

    @functools.wraps(original_transact)
    def transact_write_items(self, transact_items):
        with LOCK:
            if _bypass.is_set():
                return original_transact(self, transact_items)
            if len(transact_items) > 100:
                raise TooManyTransactionsException()
            tracked = Item.instances_tracked
            made_before = len(tracked)
            try:
                reasons, writes = dry_run(_Shadow(self, transact_items).backend, transact_items)
            finally:
                # moto's BaseModel.__new__ lists every Item it makes, for the life of the process:
                # drop the shadow's copies and the items written into it. Every request holds
                # LOCK, so no other request made any of these (moto's ImportTable thread writes
                # without one: an item of its, listed meanwhile, would merely go unlisted).
                del tracked[made_before:]
            if any(code is not None for code, _, _ in reasons):
                raise TransactionCanceledException(reasons)
            undo = _Undo(self)
            try:
                for op_type, table_name, key, op in writes:
                    undo.remember(table_name, key)
                    _write(self, op_type, table_name, key, op)
            except BaseException:
                undo.restore()
                raise

    def under_lock(call_action):
        @functools.wraps(call_action)
        def locked(self):
            with LOCK:
                return call_action(self)

        return locked

    transact_write_items.autocentric_fidelity = True
    DynamoDBBackend.transact_write_items = transact_write_items
    DynamoHandler.call_action = under_lock(DynamoHandler.call_action)
    DynamoDBStreamsHandler.call_action = under_lock(DynamoDBStreamsHandler.call_action)  # BaseResponse's
    return True
