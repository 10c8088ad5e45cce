"""Makes moto's DynamoDB Query cost about the size of the queried partition instead of the table.

Why: in moto 5.2.1 every `Table.query` calls `Table.all_items()`, which lists and sorts every item
of the table, and then loops over all of them to keep the ones with the asked partition key. On a
table of 100,000 items that is about half a second per Query, whatever its Limit.

What this changes, in memory only (moto's files stay as installed), once `install()` has run:

* Each Table gets a *generation* number, kept outside the Table object (a WeakKeyDictionary), so
  the `copy.deepcopy(table)` moto takes for TransactWriteItems, backups and restores never copies
  it: a copy, and a table put back by a rolled-back transaction, start with no cache.
  The generation goes up after everything that can change a table's items: `Table.put_item`,
  `Table.delete_item` (which BatchWriteItem, TransactWriteItems, PartiQL and ImportTable go
  through) and `DynamoDBBackend.update_item` (it edits the stored Item in place).
* `Table.all_items()` keeps its sorted list for the current generation and hands out copies.
* `Table.query` works out a smaller candidate list and passes it, through a per-thread hint, to
  the one `all_items()` call the original query makes. The original query then runs unchanged
  over those candidates, so every check, the sort, Limit, paging, filters and the counts stay
  moto's own. The candidates are exactly the items moto's own loop would keep, in the order
  `all_items()` would list them:
    - base table: the items stored under the asked partition key (`table.items[hash_key]`);
    - index: the items whose key attributes equal the asked values, looked up in a map from those
      values to items, built in one pass over the sorted list once per generation.
* The query's own `sorted_items()` call (moto sorts an index partition on every Query, which
  dominates once the candidates are narrowed) is answered from the partition sorted once per
  generation by moto's own `sorted_items()`: the query's candidates are a subsequence of that
  partition, and Python's sort is stable, so keeping the sorted partition's items that are among
  the candidates, in that order, is exactly the sort moto would have done.

The results are identical to unpatched moto's; infra/local/src/test/python/test_moto_speedups.py
checks that over long random sequences of writes and queries. Anything unexpected (a value that
cannot be hashed, an odd stored shape, another moto version) falls back to moto's own code.
`bypassed()` runs moto's original code paths, for that comparison.
"""
import contextlib
import functools
import inspect
import sys
import threading
import weakref

SUPPORTED_MOTO = "5.2.1"

_enabled = True
_local = threading.local()  # .hint = (table, candidate items), .presort = (table, snapshot, group
# key, group items) for the query running on this thread
_tables = weakref.WeakKeyDictionary()  # Table -> _TableState
_tables_lock = threading.Lock()


class _TableState:
    def __init__(self):
        self.generation = 0
        self.snapshot = None
        self.generation_lock = threading.Lock()  # held for a moment by each change
        self.build_lock = threading.Lock()  # one thread at a time lists and sorts the table


class _Snapshot:
    """What the table held at one generation: all_items() and, per tuple of attribute names, a
    map from those attributes' values to the items carrying them (None: not indexable)."""

    def __init__(self, generation, items):
        self.generation = generation
        self.items = items
        self.by_values = {}
        self.sorted = {}  # (names, values, sort attributes) -> that group in sorted_items() order


def _state(table):
    state = _tables.get(table)
    if state is None:
        with _tables_lock:
            state = _tables.setdefault(table, _TableState())
    return state


def _changed(table):
    state = _tables.get(table) if table is not None else None
    if state is not None:  # no state: nothing was cached yet, so nothing is stale
        with state.generation_lock:
            state.generation += 1
            state.snapshot = None


def _snapshot(table, original_all_items):
    state = _state(table)
    with state.build_lock:
        snapshot, generation = state.snapshot, state.generation
        if snapshot is None or snapshot.generation != generation:
            # labelled with the generation read before listing: a change made meanwhile makes
            # it stale at once, so it is never used for a state it might not show
            snapshot = state.snapshot = _Snapshot(generation, original_all_items(table))
        return snapshot


def _items_by_values(table, snapshot, names, item_class):
    """{(value of names[0], value of names[1], ...): [items in all_items() order]}, or None."""
    if names not in snapshot.by_values:
        with _state(table).build_lock:
            if names not in snapshot.by_values:
                groups = {}
                try:
                    for item in snapshot.items:
                        if isinstance(item, item_class):
                            values = tuple(item.attrs.get(name) for name in names)
                            if all(value is not None for value in values):
                                groups.setdefault(values, []).append(item)
                except Exception:  # e.g. a list or map value, which cannot be hashed
                    groups = None
                snapshot.by_values[names] = groups
    return snapshot.by_values[names]


def _table_order(item):
    """The sort key of moto's Table.all_items()."""
    return (item.hash_key, item.range_key) if item.range_key else item.hash_key


def _candidates(table, args, original_all_items, dynamo_type, item_class):
    """The items moto's query loop would keep, in all_items() order; None when unsure.
    May raise (say, on a value that cannot be hashed): the caller then falls back too."""
    if args.get("index_name"):
        conditions = dict(args.get("hash_key_conditions") or [])  # built as moto's query does
        if not conditions:
            return None  # moto then treats every item as matching
        snapshot = _snapshot(table, original_all_items)
        groups = _items_by_values(table, snapshot, tuple(conditions), item_class)
        if groups is None:
            return None
        group = groups.get(tuple(conditions.values()), [])
        _local.presort = (table, snapshot, (tuple(conditions), tuple(conditions.values())), group)
        return group
    hash_key = args.get("hash_key")
    if not isinstance(hash_key, dynamo_type):
        return None
    stored = table.items.get(hash_key)  # get(): table.items is a defaultdict
    if stored is None:
        return []
    if table.range_key_attr:
        return sorted(stored.values(), key=_table_order) if isinstance(stored, dict) else None
    return [stored] if isinstance(stored, item_class) else None


def _on():
    return _enabled and not getattr(_local, "off", False)


class _NotPresorted(Exception):
    """Raised inside a query whose candidates were not all in the pre-sorted group (never
    expected): the query is run again by moto's own code."""


@contextlib.contextmanager
def bypassed_here():
    """Within this block, on this thread only, the query runs moto's original code."""
    previous = getattr(_local, "off", False)
    _local.off = True
    try:
        yield
    finally:
        _local.off = previous


@contextlib.contextmanager
def bypassed():
    """Within this block (on every thread), Query and all_items() run moto's original code."""
    global _enabled
    previous, _enabled = _enabled, False
    try:
        yield
    finally:
        _enabled = previous


def install():
    """Patches moto's DynamoDB classes; returns False (and changes nothing) on another moto."""
    import moto
    from moto.dynamodb.exceptions import ConditionalCheckFailed
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.dynamo_type import DynamoType, Item
    from moto.dynamodb.models.table import Table

    if moto.__version__ != SUPPORTED_MOTO:
        print(f"moto_speedups: written for moto {SUPPORTED_MOTO}, found {moto.__version__}; "
              "not installed", file=sys.stderr)
        return False
    if getattr(Table.all_items, "autocentric_speedup", False):
        return True

    original_all_items = Table.all_items
    original_query = Table.query
    original_sorted_items = Table.sorted_items
    query_signature = inspect.signature(original_query)

    def all_items(self):
        hint = getattr(_local, "hint", None)
        if hint is not None and hint[0] is self:
            _local.hint = None
            return list(hint[1])
        if not _on():
            return original_all_items(self)
        return list(_snapshot(self, original_all_items).items)

    def sorted_items(self, hash_key_attrs, range_key_attrs, items):
        presort = getattr(_local, "presort", None)
        _local.presort = None
        if presort is None or presort[0] is not self or not _on():
            return original_sorted_items(self, hash_key_attrs, range_key_attrs, items)
        _, snapshot, group_key, group = presort
        attrs = tuple(self._generate_attr_to_sort_by(hash_key_attrs, range_key_attrs))
        key = (group_key, attrs)
        ordered = snapshot.sorted.get(key)
        if ordered is None:
            # moto sorts only items carrying every sort attribute (the query keeps no others)
            sortable = [item for item in group if all(a in item.attrs for a in attrs)]
            ordered = original_sorted_items(self, hash_key_attrs, range_key_attrs, sortable)
            snapshot.sorted[key] = ordered
        wanted = {id(item) for item in items}
        items[:] = [item for item in ordered if id(item) in wanted]
        if len(items) != len(wanted):  # not a subsequence after all: let moto sort them itself
            raise _NotPresorted
        return items

    def query(self, *args, **kwargs):
        if not _on():
            return original_query(self, *args, **kwargs)
        try:
            bound = query_signature.bind(self, *args, **kwargs).arguments
            candidates = _candidates(self, bound, original_all_items, DynamoType, Item)
        except Exception:  # moto's own query will meet the same trouble and report it its way
            candidates = None
        _local.hint = None if candidates is None else (self, candidates)
        if candidates is None:
            _local.presort = None
        try:
            return original_query(self, *args, **kwargs)
        except _NotPresorted:
            _local.hint = None
            _local.presort = None
            with bypassed_here():
                return original_query(self, *args, **kwargs)
        finally:
            _local.hint = None
            _local.presort = None

    def then_changed(method, table_of):
        """Wraps a method that may change a table's items: its generation goes up afterwards."""

        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            table = table_of(self, *args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except ConditionalCheckFailed:
                raise  # moto raises it before it changes anything
            except BaseException:
                _changed(table)
                raise
            _changed(table)
            return result

        return wrapper

    def table_named(backend, *args, **kwargs):
        try:
            return backend.get_table(kwargs["table_name"] if "table_name" in kwargs else args[0])
        except Exception:
            return None  # moto will report the missing table itself

    all_items.autocentric_speedup = True
    Table.all_items = all_items
    Table.query = functools.wraps(original_query)(query)
    Table.sorted_items = functools.wraps(original_sorted_items)(sorted_items)
    Table.put_item = then_changed(Table.put_item, lambda table, *a, **k: table)
    Table.delete_item = then_changed(Table.delete_item, lambda table, *a, **k: table)
    DynamoDBBackend.update_item = then_changed(DynamoDBBackend.update_item, table_named)
    return True
