// The AutoCentric storefront: search, a listing with its delivered price, ordering, and the
// order's status. Plain JavaScript, no build step; it calls the public API with fetch() exactly
// as any web client would. `?api=https://api.example` points it at another origin (CORS).
"use strict";

const API = (new URLSearchParams(location.search).get("api") || "").replace(/\/$/, "");
const view = document.getElementById("view");
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const dollars = cents => money.format(cents / 100);
const TOKEN_KEY = id => "autocentric.order." + id;
const RATING_TEXT = { GREAT: "Great deal", GOOD: "Good deal", FAIR: "Fair price", HIGH: "Above market", NONE: "Not rated" };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

/** An API error as thrown by call(): its problem document, when the API sent one. */
class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) || "the API answered " + status);
    this.status = status;
    this.problem = problem;
  }
}

async function call(method, path, { body, token, headers = {} } = {}) {
  const init = { method, headers: { ...headers } };
  if (token) init.headers.authorization = "Bearer " + token;
  if (body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(API + path, init);
  const type = response.headers.get("content-type") || "";
  const json = type.includes("json") ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function errorBox(e) {
  const box = el("div", { class: "error", "data-testid": "error" }, e.message);
  const fields = (e.problem && e.problem.errors) || [];
  if (fields.length) box.append(el("ul", {}, fields.map(f => el("li", {}, (f.field ? f.field + ": " : "") + f.message))));
  return box;
}

function ratingBadge(dealRating) {
  if (!dealRating) return null;
  return el("span", { class: "rating " + dealRating.rating, "data-testid": "deal-rating",
    title: dealRating.comparables + " comparable vehicles, average " + dollars(dealRating.marketAverageCents) },
  RATING_TEXT[dealRating.rating] || dealRating.rating);
}

const titleOf = v => [v.year, v.make, v.model, v.trim].filter(Boolean).join(" ");

// ------------------------------------------------------------------ search

const FILTERS = [
  { name: "make", label: "Make", type: "text" },
  { name: "model", label: "Model", type: "text" },
  { name: "condition", label: "Condition", options: ["", "NEW", "USED", "CPO"] },
  { name: "bodyStyle", label: "Body", options: ["", "SEDAN", "COUPE", "HATCHBACK", "WAGON", "CONVERTIBLE", "SUV", "CROSSOVER", "PICKUP", "VAN", "MINIVAN"] },
  { name: "fuel", label: "Fuel", options: ["", "GASOLINE", "DIESEL", "HYBRID", "PLUG_IN_HYBRID", "ELECTRIC"] },
  { name: "yearMin", label: "Year from", type: "number" },
  { name: "priceMaxDollars", label: "Max price ($)", type: "number" },
  { name: "zip", label: "Your ZIP", type: "text", pattern: "[0-9]{5}" },
  { name: "radiusMiles", label: "Within", options: ["", "25", "50", "100", "250", "500"], optionLabel: v => v ? v + " miles" : "any distance" },
  { name: "sort", label: "Sort by", options: ["", "price", "-price", "distance", "year", "-year", "mileage"],
    optionLabel: v => ({ "": "best match", price: "lowest price", "-price": "highest price", distance: "nearest",
      year: "oldest", "-year": "newest", mileage: "lowest mileage" })[v] },
];

function searchForm(params) {
  const form = el("form", { class: "filters", "data-testid": "search-form" });
  for (const f of FILTERS) {
    let input;
    if (f.options) {
      input = el("select", { name: f.name }, f.options.map(o => el("option", { value: o, selected: params.get(f.name) === o },
        f.optionLabel ? f.optionLabel(o) : (o || "any"))));
    } else {
      input = el("input", { name: f.name, type: f.type, value: params.get(f.name) || "", pattern: f.pattern,
        inputmode: f.pattern ? "numeric" : undefined });
    }
    form.append(el("label", {}, f.label, input));
  }
  form.append(el("button", { type: "submit", "data-testid": "search-button" }, "Search"));
  form.addEventListener("submit", event => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (String(v).trim()) next.set(k, String(v).trim());
    location.hash = "#/search?" + next;
  });
  return form;
}

/** The API query for the form's parameters (dollars become cents; facets ride along). */
function searchQuery(params, cursor) {
  const q = new URLSearchParams();
  for (const [k, v] of params) {
    if (k === "priceMaxDollars") q.set("priceMax", String(Math.round(Number(v) * 100)));
    else q.set(k, v);
  }
  q.set("limit", "12");
  if (cursor) q.set("cursor", cursor);
  else q.set("facets", "make,bodyStyle");
  return q;
}

function resultCard(item, zip) {
  const href = "#/listing/" + item.vin + (zip ? "?zip=" + zip : "");
  return el("a", { class: "card", href, "data-testid": "result", "data-vin": item.vin },
    el("span", { class: "title" }, titleOf(item)),
    el("span", { class: "price", "data-testid": "result-price" }, dollars(item.ePriceCents)),
    el("span", {}, ratingBadge(item.dealRating)),
    el("span", { class: "muted" }, item.condition + " · " + item.mileage.toLocaleString("en-US") + " mi · " + (item.exteriorColor || "")),
    el("span", { class: "muted", "data-testid": "result-dealer" }, (item.dealerName || item.dealerId) + (item.dealerCity ? ", " + item.dealerCity : "")
      + (item.distanceMiles !== undefined ? " · " + item.distanceMiles.toFixed(1) + " mi away" : "")));
}

async function showSearch(params) {
  view.replaceChildren(el("h1", {}, "Find your next car"), searchForm(params));
  if (![...params.keys()].length) {
    view.append(el("p", { class: "muted" }, "Search the stock of every dealer; add your ZIP to see distances and sort by the nearest."));
    return;
  }
  const list = el("div", { class: "results", "data-testid": "results" });
  const summary = el("p", { class: "muted", "data-testid": "result-count" }, "Searching…");
  view.append(summary, list);
  let shown = 0;
  const more = el("button", { class: "secondary", type: "button" }, "More results");
  const load = async cursor => {
    try {
      const page = await call("GET", "/v1/search?" + searchQuery(params, cursor));
      page.items.forEach(item => list.append(resultCard(item, params.get("zip"))));
      shown += page.items.length;
      summary.textContent = shown ? shown + " vehicle" + (shown === 1 ? "" : "s") + " shown" : "No vehicles match; try fewer filters.";
      if (page.facets) view.insertBefore(facetChips(page.facets, params), summary);
      more.remove();
      if (page.nextCursor) {
        more.onclick = () => load(page.nextCursor);
        view.append(more);
      }
    } catch (e) {
      summary.replaceWith(errorBox(e));
    }
  };
  await load(null);
}

function facetChips(facets, params) {
  const box = el("div", { class: "facets", "data-testid": "facets" });
  for (const [facet, counts] of Object.entries(facets)) {
    for (const [value, count] of Object.entries(counts)) {
      const next = new URLSearchParams(params);
      next.set(facet, value);
      box.append(el("a", { class: "chip", href: "#/search?" + next }, value + " (" + count + ")"));
    }
  }
  return box;
}

// ------------------------------------------------------------------ listing, quote, order

async function showListing(vin, params) {
  view.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  let listing;
  try {
    listing = await call("GET", "/v1/listings/" + encodeURIComponent(vin));
  } catch (e) {
    view.replaceChildren(el("p", {}, el("a", { href: "#/" }, "← Search")), errorBox(e));
    return;
  }
  const facts = [["Condition", listing.condition], ["Mileage", listing.mileage.toLocaleString("en-US") + " mi"],
    ["Body", listing.bodyStyle], ["Fuel", listing.fuel], ["Drivetrain", listing.drivetrain],
    ["Transmission", listing.transmission], ["Exterior", listing.exteriorColor], ["Interior", listing.interiorColor],
    ["Stock number", listing.stockNumber], ["VIN", listing.vin], ["MSRP", dollars(listing.msrpCents)]]
    .filter(([, v]) => v !== undefined && v !== null);
  const quoteBox = el("div", { "data-testid": "quote" });
  const zipInput = el("input", { name: "zip", value: params.get("zip") || "", pattern: "[0-9]{5}", required: true,
    inputmode: "numeric", "data-testid": "quote-zip" });
  const quoteForm = el("form", { class: "row" }, el("label", {}, "Delivery ZIP", zipInput),
    el("button", { type: "submit", "data-testid": "quote-button" }, "Get my delivered price"));
  quoteForm.addEventListener("submit", event => {
    event.preventDefault();
    showQuote(listing, zipInput.value.trim(), quoteBox);
  });
  view.replaceChildren(
    el("p", {}, el("a", { href: "#/" }, "← Search")),
    el("h1", { "data-testid": "listing-title" }, titleOf(listing)),
    el("div", { class: "columns" },
      el("div", {},
        el("div", { class: "price", "data-testid": "listing-price" }, dollars(listing.ePriceCents), " ", ratingBadge(listing.dealRating)),
        listing.dealRating && listing.dealRating.rating !== "NONE"
          ? el("p", { class: "muted" }, "Compared with " + listing.dealRating.comparables + " similar vehicles averaging "
            + dollars(listing.dealRating.marketAverageCents) + ".") : null,
        el("table", {}, facts.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v)))),
        listing.options.length ? el("p", { class: "muted" }, "Options: " + listing.options.join(", ")) : null,
        el("p", { class: "muted", "data-testid": "listing-dealer" }, "Sold by " + (listing.dealerName || listing.dealerId)
          + (listing.dealerCity ? ", " + listing.dealerCity : "")),
        listing.status === "RESERVED" ? el("p", { class: "notice" }, "Someone has ordered this vehicle; it is on hold.") : null),
      el("div", {}, el("div", { class: "panel stack" }, el("h2", {}, "Delivered to you"), quoteForm, quoteBox))));
  if (zipInput.value && listing.status === "AVAILABLE") showQuote(listing, zipInput.value, quoteBox);
}

async function showQuote(listing, zip, box) {
  box.replaceChildren(el("p", { class: "muted" }, "Pricing…"));
  let quote;
  try {
    quote = await call("GET", "/v1/listings/" + listing.vin + "/quote?zip=" + encodeURIComponent(zip));
  } catch (e) {
    box.replaceChildren(errorBox(e));
    return;
  }
  const d = quote.deliveryDealer;
  box.replaceChildren(
    el("table", { "data-testid": "quote-lines" },
      quote.lines.map(l => el("tr", {}, el("td", {}, l.label), el("td", { class: "amount" }, dollars(l.amountCents)))),
      el("tr", { class: "total" }, el("td", {}, "Delivered price"), el("td", { class: "amount", "data-testid": "quote-total" }, dollars(quote.totalCents)))),
    el("p", { class: "muted", "data-testid": "delivery-dealer" }, "Pick it up at " + d.name + (d.city ? ", " + d.city : "")
      + " (" + d.distanceMiles.toFixed(1) + " mi from " + quote.zip + "), about " + quote.leg.estimatedDays + " day(s) after the dealer ships it."),
    el("p", { class: "muted" }, "This price holds until " + new Date(quote.expiresAt).toLocaleTimeString() + "."),
    orderForm(listing, quote));
}

function orderForm(listing, quote) {
  // one key per order attempt: a retry of this very submission sends the same key, so it cannot order twice
  const idempotencyKey = crypto.randomUUID();
  const field = (name, label, type, extra = {}) => el("label", {}, label,
    el("input", { name, type, required: true, "data-testid": "buyer-" + name, ...extra }));
  const form = el("form", { class: "stack", "data-testid": "order-form" }, el("h2", {}, "Order it"),
    field("name", "Full name", "text", { autocomplete: "name", maxlength: "100" }),
    field("email", "Email", "email", { autocomplete: "email" }),
    field("phone", "Phone", "tel", { autocomplete: "tel", placeholder: "+1 313 555 0123" }),
    el("label", {}, "ZIP", el("input", { name: "zip", value: quote.zip, readonly: true })),
    el("button", { type: "submit", "data-testid": "order-button" }, "Place order for " + dollars(quote.totalCents)));
  const result = el("div");
  form.append(result);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    const data = new FormData(form);
    try {
      const order = await call("POST", "/v1/orders", {
        headers: { "idempotency-key": idempotencyKey },
        body: { vin: listing.vin, quoteId: quote.quoteId,
          buyer: { name: data.get("name"), email: data.get("email"), phone: data.get("phone"), zip: quote.zip } },
      });
      localStorage.setItem(TOKEN_KEY(order.orderId), order.accessToken);
      location.hash = "#/order/" + order.orderId;
    } catch (e) {
      button.disabled = false;
      result.replaceChildren(errorBox(e));
    }
  });
  return form;
}

// ------------------------------------------------------------------ order status

const STATUS_TEXT = {
  PLACED: "Placed — the dealer is confirming it", CONFIRMED: "Confirmed by the dealer", SHIPPED: "On its way to your delivery dealer",
  READY_FOR_PICKUP: "Ready for pickup", DELIVERED: "Delivered", REJECTED: "Declined by the dealer", CANCELLED: "Cancelled",
  EXPIRED: "Expired — the dealer did not confirm in time",
};

async function showOrder(orderId) {
  const token = localStorage.getItem(TOKEN_KEY(orderId));
  if (!token) {
    const input = el("input", { name: "token", placeholder: "aco_…", required: true });
    const form = el("form", { class: "row" }, el("label", {}, "Order access token", input), el("button", { type: "submit" }, "Show order"));
    form.addEventListener("submit", event => {
      event.preventDefault();
      localStorage.setItem(TOKEN_KEY(orderId), input.value.trim());
      showOrder(orderId);
    });
    view.replaceChildren(el("h1", {}, "Your order"), el("p", {}, "Enter the access token you received when you ordered."), form);
    return;
  }
  view.replaceChildren(el("p", { class: "muted" }, "Loading your order…"));
  let order;
  try {
    order = await call("GET", "/v1/orders/" + encodeURIComponent(orderId), { token });
  } catch (e) {
    view.replaceChildren(el("h1", {}, "Your order"), errorBox(e));
    return;
  }
  const cancellable = order.status === "PLACED" || order.status === "CONFIRMED";
  const actions = el("div", { class: "row" },
    el("button", { class: "secondary", type: "button", onclick: () => showOrder(orderId), "data-testid": "refresh" }, "Refresh"),
    cancellable ? el("button", { type: "button", "data-testid": "cancel-order", onclick: async event => {
      event.target.disabled = true;
      try {
        await call("POST", "/v1/orders/" + orderId + "/cancel", { token });
        showOrder(orderId);
      } catch (e) {
        actions.append(errorBox(e));
      }
    } }, "Cancel order") : null);
  view.replaceChildren(
    el("h1", {}, "Your order"),
    el("p", { class: "muted" }, "Order " + order.orderId),
    el("div", { class: "status", "data-testid": "order-status", "data-status": order.status }, STATUS_TEXT[order.status] || order.status),
    order.status === "PLACED" ? el("p", { class: "notice" }, "The vehicle is held for you until "
      + new Date(order.holdExpiresAt).toLocaleString() + " while " + order.sellingDealer.name + " confirms.") : null,
    el("div", { class: "columns" },
      el("div", {},
        el("h2", {}, titleOf(order.vehicle)),
        el("table", { "data-testid": "order-lines" },
          order.lines.map(l => el("tr", {}, el("td", {}, l.label), el("td", { class: "amount" }, dollars(l.amountCents)))),
          el("tr", { class: "total" }, el("td", {}, "Total"), el("td", { class: "amount", "data-testid": "order-total" }, dollars(order.totalCents)))),
        el("p", { class: "muted" }, "Sold by " + order.sellingDealer.name + "; pick it up at " + order.deliveryDealer.name
          + (order.deliveryDealer.city ? ", " + order.deliveryDealer.city : "") + ".")),
      el("div", {},
        el("h2", {}, "History"),
        el("ul", { class: "timeline", "data-testid": "order-history" },
          order.history.map(h => el("li", {}, STATUS_TEXT[h.status] || h.status, el("div", { class: "muted" }, new Date(h.at).toLocaleString())))),
        el("h2", {}, "Contact"),
        el("p", { class: "muted" }, order.buyer.name + " · " + order.buyer.email + " · " + order.buyer.phone))),
    actions);
}

// ------------------------------------------------------------------ routing

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query = ""] = hash.split("?");
  const params = new URLSearchParams(query);
  let m;
  if ((m = path.match(/^\/listing\/([A-Za-z0-9]{17})$/))) return showListing(m[1].toUpperCase(), params);
  if ((m = path.match(/^\/order\/([a-z0-9]+)$/))) return showOrder(m[1]);
  return showSearch(path === "/search" ? params : new URLSearchParams());
}

window.addEventListener("hashchange", route);
route();
