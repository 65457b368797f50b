"""A small stand-in for an Elasticsearch 9 cluster, for tests: an HTTP server on 127.0.0.1.

It records every request (so tests can check what the engine sends), keeps documents in
memory per index with aliases, and answers the APIs the engine uses with responses shaped
like Elasticsearch's own, including the `X-Elastic-Product` header the 9.x client checks.

It evaluates queries only as far as the tests need to trust the answers: structured
clauses (`bool`, `terms`, `term`, `ids`) exactly, which is what the privacy rule, the
filters and the facet counts rest on; full text (`simple_query_string`, `multi_match`,
`more_like_this`, the term suggester, highlighting) naively, by folded, crudely stemmed
words. It is no model of Elasticsearch's relevance or analysis.

A `percolate` query runs each stored query (a document's `query` field) against the given
`documents`, with the same evaluator, and reports the matching slots in
`fields._percolator_document_slot`, as Elasticsearch does.

It can be told to fail: `mode` is "error" (HTTP `status`), "slow" (answer after `delay`
seconds), "drop" (close the connection without answering), "garbage" (unreadable JSON) or
"shape" (valid JSON of the wrong shape); `mode_paths` limits that to paths containing one
of the given strings.
"""

import contextlib
import fnmatch
import json
import re
import threading
import time
import unicodedata
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

WORD_RE = re.compile(r"\w+")
TEXT_SOURCE_FIELDS = ("title", "summary", "body", "text_a", "text_b", "text_c")


@dataclass
class Request:
    method: str
    path: str
    params: dict
    body: object  # parsed JSON, a list for NDJSON, or None
    headers: dict

    def __repr__(self):
        return f"{self.method} {self.path}"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    return [stem(word) for word in WORD_RE.findall(fold(text))]


def field_name(spec: str) -> tuple[str, float]:
    name, _, boost = spec.partition("^")
    return name, float(boost or 1)


def field_text(doc: dict, name: str) -> str:
    if name == "spell":
        return " ".join((doc.get("title") or "", doc.get("summary") or ""))
    base = name.split(".")[0]
    value = doc.get(base)
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return str(value or "")


def values_of(doc: dict, name: str) -> list:
    value = doc.get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def simple_clauses(query: str) -> list[list[tuple[bool, list[str]]]]:
    """simple_query_string with default_operator AND, as AND of OR-groups of (negated,
    words) items; a phrase is one item with several words."""
    tokens = re.findall(r'-?"[^"]*"|\S+', query)
    groups: list[list[tuple[bool, list[str]]]] = []
    join_next = False
    for token in tokens:
        if token == "|":
            join_next = True
            continue
        negated = token.startswith("-")
        text = token[1:] if negated else token
        item = (negated, words(text.strip('"')))
        if not item[1]:
            continue
        if join_next and groups:
            groups[-1].append(item)
        else:
            groups.append([item])
        join_next = False
    return groups


def phrase_in(phrase: list[str], text_words: list[str]) -> bool:
    n = len(phrase)
    return any(text_words[i : i + n] == phrase for i in range(len(text_words) - n + 1))


class Evaluator:
    def __init__(self, server: "FakeElasticsearch"):
        self.server = server
        self.slots: dict[str, list[int]] = {}  # percolator query id -> matched slots

    def score(self, query: dict | None, doc_id: str, doc: dict) -> float | None:
        """None when the document does not match, else a (naive) score."""
        if not query:
            return 1.0
        [(kind, body)] = query.items()
        method = getattr(self, f"q_{kind}", None)
        if method is None:
            raise ValueError(f"the fake cannot evaluate {kind!r} queries")
        return method(body, doc_id, doc)

    def q_match_all(self, body, doc_id, doc):
        return 1.0

    def q_bool(self, body, doc_id, doc):
        total = 0.0
        for clause in _as_list(body.get("must")):
            score = self.score(clause, doc_id, doc)
            if score is None:
                return None
            total += score
        for clause in _as_list(body.get("filter")):
            if self.score(clause, doc_id, doc) is None:
                return None
        for clause in _as_list(body.get("must_not")):
            if self.score(clause, doc_id, doc) is not None:
                return None
        should = _as_list(body.get("should"))
        if should:
            default = 0 if body.get("must") or body.get("filter") else 1
            needed = int(body.get("minimum_should_match", default))
            matched = [self.score(clause, doc_id, doc) for clause in should]
            matched = [score for score in matched if score is not None]
            if len(matched) < needed:
                return None
            total += sum(matched)
        return total or 1.0

    def q_terms(self, body, doc_id, doc):
        [(name, wanted)] = [(k, v) for k, v in body.items() if k != "boost"]
        return 1.0 if set(values_of(doc, name)) & set(wanted) else None

    def q_term(self, body, doc_id, doc):
        [(name, wanted)] = body.items()
        if isinstance(wanted, dict):
            wanted = wanted["value"]
        return 1.0 if wanted in values_of(doc, name) else None

    def q_percolate(self, body, doc_id, doc):
        stored = doc.get(body["field"])
        if stored is None:
            return None
        documents = body.get("documents") or [body["document"]]
        slots = [
            slot
            for slot, candidate in enumerate(documents)
            if self.score(stored, None, candidate) is not None
        ]
        if not slots:
            return None
        self.slots[doc_id] = slots
        return 1.0

    def q_ids(self, body, doc_id, doc):
        return 1.0 if doc_id in body["values"] else None

    def q_simple_query_string(self, body, doc_id, doc):
        assert body.get("default_operator", "or").lower() == "and", "the fake reads AND only"
        fields = [field_name(spec) for spec in body["fields"]]
        texts = [(words(field_text(doc, name)), boost) for name, boost in fields]
        everything = [word for text_words, _boost in texts for word in text_words]
        score = 0.0
        for group in simple_clauses(body["query"]):
            group_ok = False
            for negated, phrase in group:
                found = phrase_in(phrase, everything)
                if negated:
                    group_ok = group_ok or not found
                elif found:
                    group_ok = True
                    score += sum(
                        boost for text_words, boost in texts if phrase_in(phrase, text_words)
                    )
            if not group_ok:
                return None
        return score or 1.0

    def q_multi_match(self, body, doc_id, doc):
        assert body.get("type") == "bool_prefix", "the fake reads bool_prefix only"
        query = WORD_RE.findall(fold(body["query"]))
        if not query:
            return None
        title = WORD_RE.findall(fold(field_text(doc, body["fields"][0])))
        *whole, last = query
        if all(word in title for word in whole) and any(w.startswith(last) for w in title):
            return 1.0
        return None

    def q_more_like_this(self, body, doc_id, doc):
        liked_ids = {like["_id"] for like in body["like"] if isinstance(like, dict)}
        if doc_id in liked_ids:
            return None  # include: false, as by default
        liked = [self.server.get_doc(like["_index"], like["_id"]) for like in body["like"]]
        liked_words = set()
        for other in liked:
            if other:
                for name in body["fields"]:
                    liked_words |= {w for w in words(field_text(other, name)) if len(w) > 3}
        mine = {w for name in body["fields"] for w in words(field_text(doc, name))}
        shared = liked_words & mine
        return float(len(shared)) if shared else None


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


class ApiFailure(Exception):
    def __init__(self, status: int, error_type: str, reason: str):
        self.status, self.error_type, self.reason = status, error_type, reason


class FakeElasticsearch:
    def __init__(self):
        self.indices: dict[str, dict] = {}  # name -> {"body": ..., "docs": {id: source}}
        self.aliases: dict[str, set[str]] = {}
        self.requests: list[Request] = []
        self.mode: str | None = None
        self.mode_paths: tuple[str, ...] = ()
        self.status = 500
        self.delay = 1.0
        self.lock = threading.RLock()
        self.evaluator = Evaluator(self)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeElasticsearch":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- what tests look at ------------------------------------------------------------

    def calls(self, method: str | None = None, endswith: str | None = None) -> list[Request]:
        return [
            request
            for request in self.requests
            if (method is None or request.method == method)
            and (endswith is None or request.path.endswith(endswith))
        ]

    def searches(self) -> list[dict]:
        return [request.body for request in self.calls("POST", "/_search")]

    def clear(self) -> None:
        self.requests.clear()

    def fail(self, mode: str | None, *paths: str, status: int = 500, delay: float = 1.0):
        self.mode, self.mode_paths, self.status, self.delay = mode, paths, status, delay

    def docs(self, name: str) -> dict[str, dict]:
        found = {}
        for index in self.resolve(name):
            found.update(self.indices[index]["docs"])
        return found

    def get_doc(self, name: str, doc_id: str) -> dict | None:
        return self.docs(name).get(doc_id)

    # -- index bookkeeping ----------------------------------------------------------------

    def resolve(self, expression: str, missing_ok: bool = False) -> list[str]:
        found = []
        for name in expression.split(","):
            if name in ("_all", "*"):
                found.extend(self.indices)
            elif "*" in name:
                found.extend(index for index in self.indices if fnmatch.fnmatch(index, name))
            elif name in self.aliases:
                found.extend(sorted(self.aliases[name]))
            elif name in self.indices:
                found.append(name)
            elif not missing_ok:
                raise ApiFailure(404, "index_not_found_exception", f"no such index [{name}]")
        return list(dict.fromkeys(found))

    def searchable(self, index: str) -> list[tuple[str, dict]]:
        """What a search or delete-by-query sees of an index: refreshed documents only."""
        hidden = self.indices[index].get("unrefreshed", ())
        return [(d, doc) for d, doc in self.indices[index]["docs"].items() if d not in hidden]

    def write_target(self, name: str, require_alias: bool) -> str:
        if name in self.aliases:
            [target] = self.aliases[name]
            return target
        if require_alias:
            raise ApiFailure(
                404,
                "index_not_found_exception",
                f"no such index [{name}] and [require_alias] request flag is [true] and "
                f"[{name}] is not an alias",
            )
        if name not in self.indices:
            self.indices[name] = {"body": {}, "docs": {}}
        return name

    def check_mapping(self, index: str, source: dict) -> None:
        mappings = self.indices[index]["body"].get("mappings", {})
        if mappings.get("dynamic") == "strict":
            unknown = set(source) - set(mappings.get("properties", {}))
            if unknown:
                raise ApiFailure(
                    400,
                    "strict_dynamic_mapping_exception",
                    f"mapping set to strict, dynamic introduction of {sorted(unknown)} "
                    "is not allowed",
                )

    # -- APIs ----------------------------------------------------------------------------

    def handle(self, method: str, path: str, params: dict, body):
        parts = [unquote(part) for part in path.strip("/").split("/") if part]
        if not parts:
            return 200, {"name": "fake", "version": {"number": "9.1.0"}, "tagline": "fake"}
        if parts == ["_bulk"] or parts[-1:] == ["_bulk"]:
            return self.bulk(parts[0] if len(parts) == 2 else None, params, body)
        if parts == ["_aliases"]:
            return self.update_aliases(body)
        if parts[0] == "_alias":
            return self.get_alias(parts[1])
        if len(parts) == 2 and parts[1] in ("_search", "_count"):
            return self.search(parts[0], body or {}, count=parts[1] == "_count")
        if len(parts) == 2 and parts[1] == "_mget":
            return self.mget(parts[0], body)
        if len(parts) == 3 and parts[1] == "_doc" and method == "DELETE":
            return self.delete_doc(parts[0], parts[2])
        if len(parts) == 2 and parts[1] == "_delete_by_query":
            missing_ok = params.get("ignore_unavailable", ["false"])[0] == "true"
            return self.delete_by_query(parts[0], body, missing_ok)
        if len(parts) == 2 and parts[1] in ("_settings", "_refresh"):
            missing_ok = params.get("ignore_unavailable", ["false"])[0] == "true"
            for index in self.resolve(parts[0], missing_ok=missing_ok):
                if parts[1] == "_refresh":
                    self.indices[index]["unrefreshed"] = set()
                elif "refresh_interval" in (body or {}).get("index", {}):
                    self.indices[index]["refresh_off"] = body["index"]["refresh_interval"] == "-1"
            return 200, {"acknowledged": True, "_shards": {"total": 1, "successful": 1}}
        if len(parts) == 1:
            return self.index_api(method, parts[0], params, body)
        raise ApiFailure(400, "illegal_argument_exception", f"the fake has no {method} {path}")

    def index_api(self, method, name, params, body):
        if method == "PUT":
            if name in self.indices or name in self.aliases:
                raise ApiFailure(
                    400, "resource_already_exists_exception", f"index [{name}] already exists"
                )
            self.indices[name] = {
                "body": body or {},
                "docs": {},
                # As Elasticsearch does, documents written while refreshes are off are
                # stored (and read by id) but not found by searches until a refresh.
                "refresh_off": (body or {}).get("settings", {}).get("refresh_interval") == "-1",
            }
            for alias in (body or {}).get("aliases", {}):
                self.aliases.setdefault(alias, set()).add(name)
            return 200, {"acknowledged": True, "shards_acknowledged": True, "index": name}
        if method == "HEAD":
            exists = name in self.indices or name in self.aliases
            return (200 if exists else 404), None
        if method == "DELETE":
            for index in self.resolve(name):
                del self.indices[index]
                for members in self.aliases.values():
                    members.discard(index)
            self.aliases = {alias: members for alias, members in self.aliases.items() if members}
            return 200, {"acknowledged": True}
        if method == "GET":
            allow_none = params.get("allow_no_indices", ["true"])[0] == "true"
            found = self.resolve(name, missing_ok=allow_none and "*" in name)
            return 200, {
                index: {
                    "aliases": {a: {} for a, members in self.aliases.items() if index in members},
                    "mappings": self.indices[index]["body"].get("mappings", {}),
                    "settings": self.indices[index]["body"].get("settings", {}),
                }
                for index in found
            }
        raise ApiFailure(405, "method_not_allowed", method)

    def get_alias(self, name):
        if "*" in name:  # a pattern: every matching alias (none is no error)
            found = {}
            for alias in sorted(a for a in self.aliases if fnmatch.fnmatch(a, name)):
                for index in sorted(self.aliases[alias]):
                    found.setdefault(index, {"aliases": {}})["aliases"][alias] = {}
            return 200, found
        if name not in self.aliases:
            return 404, {"error": f"alias [{name}] missing", "status": 404}
        return 200, {index: {"aliases": {name: {}}} for index in sorted(self.aliases[name])}

    def update_aliases(self, body):
        actions = body["actions"]
        for action in actions:  # check everything first: the change is atomic
            [(kind, spec)] = action.items()
            if spec["index"] not in self.indices:
                raise ApiFailure(404, "index_not_found_exception", spec["index"])
            if kind == "remove" and spec["index"] not in self.aliases.get(spec["alias"], ()):
                raise ApiFailure(404, "aliases_not_found_exception", spec["alias"])
            if kind == "add" and spec["alias"] in self.indices:
                remove_first = {"remove_index": {"index": spec["alias"]}} in actions
                if not remove_first:
                    raise ApiFailure(400, "invalid_alias_name_exception", spec["alias"])
        for action in actions:
            [(kind, spec)] = action.items()
            if kind == "add":
                self.aliases.setdefault(spec["alias"], set()).add(spec["index"])
            elif kind == "remove":
                self.aliases[spec["alias"]].discard(spec["index"])
            elif kind == "remove_index":
                del self.indices[spec["index"]]
        self.aliases = {alias: members for alias, members in self.aliases.items() if members}
        return 200, {"acknowledged": True, "errors": False}

    def bulk(self, default_index, params, lines):
        require_alias = params.get("require_alias", ["false"])[0] == "true"
        items, errors = [], False
        for i in range(0, len(lines), 2):
            [(op, meta)] = lines[i].items()
            assert op == "index", f"the fake reads index actions only, not {op}"
            name = meta.get("_index", default_index)
            try:
                target = self.write_target(name, require_alias)
                self.check_mapping(target, lines[i + 1])
            except ApiFailure as failure:
                errors = True
                items.append(
                    {
                        op: {
                            "_index": name,
                            "_id": meta["_id"],
                            "status": failure.status,
                            "error": {"type": failure.error_type, "reason": failure.reason},
                        }
                    }
                )
                continue
            created = meta["_id"] not in self.indices[target]["docs"]
            self.indices[target]["docs"][meta["_id"]] = lines[i + 1]
            if self.indices[target].get("refresh_off"):
                self.indices[target].setdefault("unrefreshed", set()).add(meta["_id"])
            items.append(
                {
                    op: {
                        "_index": target,
                        "_id": meta["_id"],
                        "_version": 1,
                        "result": "created" if created else "updated",
                        "status": 201 if created else 200,
                    }
                }
            )
        return 200, {"took": 1, "errors": errors, "items": items}

    def mget(self, name, body):
        found = self.docs(name)
        [index] = self.resolve(name)
        docs = []
        for doc_id in body["ids"]:
            if doc_id in found:
                docs.append(
                    {"_index": index, "_id": doc_id, "found": True, "_source": found[doc_id]}
                )
            else:
                docs.append({"_index": index, "_id": doc_id, "found": False})
        return 200, {"docs": docs}

    def delete_doc(self, name, doc_id):
        index = self.write_target(name, require_alias=True)
        if self.indices[index]["docs"].pop(doc_id, None) is None:
            return 404, {"_index": index, "_id": doc_id, "result": "not_found"}
        return 200, {"_index": index, "_id": doc_id, "result": "deleted"}

    def delete_by_query(self, name, body, missing_ok=False):
        deleted = 0
        for index in self.resolve(name, missing_ok=missing_ok):
            docs = self.indices[index]["docs"]
            for doc_id in [
                d
                for d, doc in self.searchable(index)
                if self.evaluator.score(body["query"], d, doc) is not None
            ]:
                del docs[doc_id]
                deleted += 1
        return 200, {
            "took": 1,
            "timed_out": False,
            "total": deleted,
            "deleted": deleted,
            "failures": [],
        }

    def search(self, name, body, count=False):
        self.evaluator.slots = {}
        matched = []
        for index in self.resolve(name):
            for doc_id, doc in self.searchable(index):
                score = self.evaluator.score(body.get("query"), doc_id, doc)
                if score is not None:
                    matched.append((index, doc_id, doc, score))
        if count:
            return 200, {"count": len(matched), "_shards": {"total": 1, "successful": 1}}
        sort = self.sort_specs(body.get("sort", ["_score"]))
        rows = [(self.sort_values(sort, row), row) for row in matched]
        for position in reversed(range(len(sort))):
            _field, descending = sort[position]
            rows.sort(key=lambda item, p=position: _sortable(item[0][p]), reverse=descending)
        if "search_after" in body:
            assert sort == [("key", False)], "the fake pages by key only"
            rows = [item for item in rows if item[0][0] > body["search_after"][0]]
        start, size = body.get("from", 0), body.get("size", 10)
        hits = [self.hit(values, row, body) for values, row in rows[start : start + size]]
        tracked = body.get("track_total_hits", 10_000)
        total = {"value": len(matched), "relation": "eq"}
        if tracked is not True and isinstance(tracked, int) and len(matched) > tracked:
            total = {"value": tracked, "relation": "gte"}
        response = {
            "took": 1,
            "timed_out": False,
            "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
            "hits": {"total": total, "max_score": None, "hits": hits},
        }
        if tracked is False:
            del response["hits"]["total"]
        if body.get("aggs"):
            response["aggregations"] = self.aggregations(body["aggs"], matched)
        if body.get("suggest"):
            response["suggest"] = self.suggest(body["suggest"])
        return 200, response

    @staticmethod
    def sort_specs(specs) -> list[tuple[str, bool]]:
        out = []
        for spec in specs:
            if isinstance(spec, str):
                out.append((spec, spec == "_score"))
            else:
                [(name, options)] = spec.items()
                order = options if isinstance(options, str) else options.get("order", "asc")
                out.append((name, order == "desc"))
        return out

    @staticmethod
    def sort_values(sort, row) -> list:
        _index, _doc_id, doc, score = row
        return [score if name == "_score" else doc.get(name) for name, _desc in sort]

    def hit(self, values, row, body) -> dict:
        index, doc_id, doc, score = row
        wanted = body.get("_source", True)
        if isinstance(wanted, dict):
            wanted = wanted.get("includes", True)
        if isinstance(wanted, str):
            wanted = [wanted]
        hit = {"_index": index, "_id": doc_id, "_score": score, "sort": values}
        if wanted is not False:
            hit["_source"] = (
                doc if wanted is True else {k: v for k, v in doc.items() if k in wanted}
            )
        if doc_id in self.evaluator.slots:
            hit["fields"] = {"_percolator_document_slot": self.evaluator.slots[doc_id]}
        highlight = self.highlight(body.get("highlight"), doc)
        if highlight:
            hit["highlight"] = highlight
        return hit

    def highlight(self, spec, doc) -> dict:
        if not spec:
            return {}
        query = spec.get("highlight_query", {}).get("simple_query_string", {}).get("query", "")
        wanted = {
            word
            for group in simple_clauses(query)
            for negated, phrase in group
            if not negated
            for word in phrase
        }
        start, stop = spec["pre_tags"][0], spec["post_tags"][0]
        out = {}
        for name, options in spec["fields"].items():
            text = str(doc.get(name) or "")
            marked, found = [], False
            for token in re.split(r"(\w+)", text):
                if token and WORD_RE.fullmatch(token) and stem(fold(token)) in wanted:
                    marked.append(f"{start}{token}{stop}")
                    found = True
                else:
                    marked.append(token)
            if found:
                fragment = "".join(marked)
                if options.get("number_of_fragments", 5) != 0:
                    fragment = fragment[: options.get("fragment_size", 100) * 2]
                out[name] = [fragment]
        return out

    @staticmethod
    def aggregations(aggs: dict, matched) -> dict:
        out = {}
        for name, spec in aggs.items():
            [(kind, options)] = spec.items()
            assert kind == "terms", f"the fake computes terms aggregations only, not {kind}"
            counts: dict = {}
            for _index, _doc_id, doc, _score in matched:
                for value in set(values_of(doc, options["field"])):
                    counts[value] = counts.get(value, 0) + 1
            buckets = sorted(counts.items(), key=lambda item: (-item[1], _sortable(item[0])))
            size = options.get("size", 10)
            out[name] = {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": sum(count for _v, count in buckets[size:]),
                "buckets": [{"key": key, "doc_count": count} for key, count in buckets[:size]],
            }
        return out

    def suggest(self, spec: dict) -> dict:
        """The term suggester: like Elasticsearch's, it reads every document in the index,
        whoever asks."""
        vocabulary: dict[str, int] = {}
        for index in self.indices.values():
            for doc in index["docs"].values():
                for word in set(WORD_RE.findall(fold(field_text(doc, "spell")))):
                    vocabulary[word] = vocabulary.get(word, 0) + 1
        out = {}
        for name, options in spec.items():
            entries = []
            for match in WORD_RE.finditer(options["text"]):
                word = fold(match.group())
                suggestions = []
                if word not in vocabulary and len(word) >= 4:
                    suggestions = sorted(
                        (
                            (edit_distance(word, known), -count, known)
                            for known, count in vocabulary.items()
                            if known[:1] == word[:1] and edit_distance(word, known) <= 2
                        )
                    )
                entries.append(
                    {
                        "text": word,
                        "offset": match.start(),
                        "length": len(match.group()),
                        "options": [
                            {"text": known, "score": 1 - distance / 10, "freq": -count}
                            for distance, count, known in suggestions[
                                : options["term"].get("size", 5)
                            ]
                        ],
                    }
                )
            out[name] = entries
        return out


def _sortable(value):
    # Missing values last, numbers and strings each in their own order.
    if value is None:
        return (2, "")
    if isinstance(value, int | float):
        return (0, value)
    return (1, str(value))


def _handler_for(server: FakeElasticsearch):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _body(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if not raw:
                return None
            text = raw.decode()
            if "ndjson" in (self.headers.get("Content-Type") or "") or self.path.split("?")[
                0
            ].endswith("_bulk"):
                return [json.loads(line) for line in text.splitlines() if line.strip()]
            return json.loads(text)

        def _send(self, status: int, payload, raw: bytes | None = None):
            data = raw if raw is not None else b""
            if raw is None and payload is not None:
                data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Type", "application/vnd.elasticsearch+json;compatible-with=9")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _serve(self):
            parts = urlsplit(self.path)
            body = self._body()
            params = parse_qs(parts.query)
            with server.lock:
                server.requests.append(
                    Request(
                        self.command,
                        parts.path,
                        params,
                        body,
                        {key.lower(): value for key, value in self.headers.items()},
                    )
                )
                failing = server.mode and (
                    not server.mode_paths or any(p in parts.path for p in server.mode_paths)
                )
                mode, status, delay = server.mode, server.status, server.delay
            if failing:
                if mode == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return
                if mode == "slow":
                    time.sleep(delay)
                elif mode == "error":
                    error = {"type": "fake_failure", "reason": "told to fail"}
                    return self._send(status, {"error": error, "status": status})
                elif mode == "garbage":
                    return self._send(200, None, raw=b"<html>Bad gateway</html>")
                elif mode == "shape":
                    return self._send(200, {"unexpected": ["shape"]})
            try:
                with server.lock:
                    status, payload = server.handle(self.command, parts.path, params, body)
            except ApiFailure as failure:
                error = {"type": failure.error_type, "reason": failure.reason}
                status, payload = failure.status, {"error": error, "status": failure.status}
            except Exception as unsupported:  # a request the fake cannot read: say so
                error = {"type": "fake_cannot_answer", "reason": repr(unsupported)}
                status, payload = 400, {"error": error, "status": 400}
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._send(status, payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

    return Handler
