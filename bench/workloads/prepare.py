#!/usr/bin/env python3
"""Request lists for the workloads, made through the API of a running server (so they suit either database).

  prepare.py reads URL TOKEN DIR            W2 ticket pages, W3 list pages, W4 searches: DIR/w2, DIR/w3, DIR/w4
  prepare.py stock URL SALES FOLLOWER N FILE
        W5: a product with stock for half of N contracts of one unit each, the N contracts (received, not yet
        checked), and FILE with the check_stock path of each.
"""
import http.client
import json
import sys
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor


class Api:
    def __init__(self, url, token):
        parsed = urllib.parse.urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.token = token
        self.local = threading.local()

    def call(self, method, path, body=None, expect=(200, 201)):
        if not hasattr(self.local, "conn"):
            self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {"Authorization": "Bearer " + self.token, "Accept-Language": "en"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for _ in range(20):  # a conflict with a concurrent writer (PostgreSQL) is answered 409: try again
            self.local.conn.request(method, path, data, headers)
            response = self.local.conn.getresponse()
            text = response.read()
            if response.status != 409:
                break
        if response.status not in expect:
            raise SystemExit(f"{method} {path}: {response.status} {text[:300]!r}")
        return json.loads(text) if text else None


def reads(url, token, out):
    api = Api(url, token)
    with open(f"{out}/w2", "w") as w2:
        for page in range(1, 6):
            for item in api.call("GET", f"/api/v1/repair-tickets?page_size=200&page={page}")["items"]:
                w2.write(f"/api/v1/repair-tickets/{item['id']}\n/api/v1/repair-tickets/{item['id']}/events\n")
    with open(f"{out}/w3", "w") as w3:
        for page in range(1, 101):
            w3.write(f"/api/v1/repair-tickets?state=followed_up&page_size=50&page={page}\n")
    terms = ["王", "李秀英", "徐汇", "1583", "1394", "SF-1", "异响", "沙发", "漕溪北路", "张伟", "门松动", "柜门下垂",
             "139", "国定路", "婷"]
    with open(f"{out}/w4", "w") as w4:
        for term in terms:
            q = urllib.parse.quote(term)
            w4.write(f"/api/v1/repair-tickets?q={q}&page_size=50\n/api/v1/customers?q={q}&page_size=50\n")


def stock(url, sales_token, follower_token, count, out):
    sales, follower = Api(url, sales_token), Api(url, follower_token)
    warehouse = follower.call("GET", "/api/v1/warehouses")["items"][0]["id"]
    product = sales.call("GET", "/api/v1/products?page_size=1&q=SF")["items"][0]["id"]
    for start in range(0, count // 2, 10000):  # a receipt is at most 10,000 units
        follower.call("POST", "/api/v1/stock/receipts", {"warehouse_id": warehouse, "product_id": product,
                                                         "quantity": min(10000, count // 2 - start), "note": "W5"})

    def create(i):
        contract = sales.call("POST", "/api/v1/contracts", {
            "customer_name": "压测客户", "phone": f"198{i:08d}", "district": "徐汇区",
            "address": "宜山路 700 号", "lines": [{"product_id": product, "quantity": 1}]})
        return contract["id"]

    with ThreadPoolExecutor(16) as pool:
        ids = list(pool.map(create, range(count)))
    with open(out, "w") as paths:
        for contract in ids:
            paths.write(f"/api/v1/contracts/{contract}/actions/check_stock\n")


if __name__ == "__main__":
    if sys.argv[1] == "reads":
        reads(*sys.argv[2:5])
    elif sys.argv[1] == "stock":
        stock(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])
    else:
        raise SystemExit(__doc__)
