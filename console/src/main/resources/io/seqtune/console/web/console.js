// The seqtune console's pages. Everything comes from this server's /api/ (no other network);
// DOM is built with h(), never from HTML strings, so stored text cannot inject markup.
"use strict";

const POLL_MS = 2000;
const SETTLED = new Set(["COMPLETED", "FAILED", "CANCELED", "TERMINATED"]);
const main = document.getElementById("main");
let timer = null;

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "onclick" || k === "onchange" || k === "oninput") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  if (r.status === 404) return null;
  if (!r.ok) throw new Error(path + ": " + r.status + " " + (await r.text()));
  return r.json();
}

const num = (v, d = 3) => (typeof v === "number" && isFinite(v) ? v.toFixed(d) : "–");
const pct = (v) => (typeof v === "number" ? (100 * v).toFixed(1) + "%" : "–");
const when = (iso) => (iso ? new Date(iso).toLocaleString() : "–");
function duration(s) {
  if (typeof s !== "number") return "–";
  const hh = Math.floor(s / 3600), mm = Math.floor((s % 3600) / 60), ss = s % 60;
  return hh ? `${hh}h ${mm}m` : mm ? `${mm}m ${ss}s` : `${ss}s`;
}
function bytes(n) {
  if (typeof n !== "number") return "–";
  const u = ["B", "KiB", "MiB", "GiB"];
  let i = 0;
  while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
  return n.toFixed(i ? 1 : 0) + " " + u[i];
}
const badge = (status) => h("span", { class: "badge " + (status || "") }, status || "?");
const runLink = (id) => h("a", { href: "/runs/" + encodeURIComponent(id) }, id);

function stamp() {
  document.getElementById("refreshed").textContent = "updated " + new Date().toLocaleTimeString();
}

function poll(fn) {
  clearTimeout(timer);
  const tick = async () => {
    let again = true;
    try { again = (await fn()) !== false; stamp(); } catch (e) { console.error(e); }
    if (again) timer = setTimeout(tick, POLL_MS);
  };
  return tick();
}

function fail(e) {
  main.replaceChildren(h("div", { class: "card bad" }, String(e.message || e)));
}

// ---- Runs ---------------------------------------------------------------------------------------

const NUMERIC = new Set(["epoch", "loss", "key metric", "duration"]);

async function runsPage() {
  const params = new URLSearchParams(location.search);
  const status = h("select", { id: "f-status" },
    ["", "RUNNING", "COMPLETED", "FAILED", "CANCELED", "TERMINATED", "UNKNOWN"].map((s) =>
      h("option", { value: s, selected: s === (params.get("status") || "") }, s || "any status")));
  const task = h("select", { id: "f-task" },
    ["", "smiles2iupac", "iupac2smiles", "text"].map((t) =>
      h("option", { value: t, selected: t === (params.get("task") || "") }, t || "any task")));
  const q = h("input", { id: "f-q", placeholder: "run id contains…", value: params.get("q") || "" });
  const body = h("tbody", { id: "runs-body" });
  const table = h("table", { id: "runs" },
    h("thead", {}, h("tr", {}, ["run", "task", "base model", "status", "stage", "epoch", "loss",
      "key metric", "started", "duration"].map((c) => h("th", { class: NUMERIC.has(c) ? "num" : null }, c)))), body);
  main.replaceChildren(h("h1", {}, "Runs"), h("div", { class: "filters" }, status, task, q), table);
  const refilter = () => {
    const p = new URLSearchParams();
    if (status.value) p.set("status", status.value);
    if (task.value) p.set("task", task.value);
    if (q.value) p.set("q", q.value);
    history.replaceState(null, "", "/" + (p.toString() ? "?" + p : ""));
    load();
  };
  status.onchange = refilter; task.onchange = refilter; q.oninput = refilter;
  const load = async () => {
    const p = new URLSearchParams({ status: status.value, task: task.value, q: q.value });
    const data = await api("/api/runs?" + p);
    body.replaceChildren(...data.runs.map((r) => h("tr", { "data-run": r.runId },
      h("td", {}, runLink(r.runId)),
      h("td", {}, r.task || "–"),
      h("td", {}, r.baseModel || "–"),
      h("td", {}, badge(r.status), r.champion ? [" ", h("span", { class: "badge champion" }, "champion")] : null),
      h("td", {}, r.stage || "–"),
      h("td", { class: "num" }, r.epoch != null ? `${r.epoch}/${r.epochs ?? "?"}` : "–"),
      h("td", { class: "num" }, num(r.loss)),
      h("td", { class: "num" }, r.keyMetric ? `${r.keyMetric} ${num(r.keyMetricValue)}` : "–"),
      h("td", {}, when(r.created)),
      h("td", { class: "num" }, duration(r.durationSeconds)))));
    if (!data.runs.length) body.append(h("tr", {}, h("td", { colspan: 10, class: "muted" }, "No runs match.")));
  };
  return poll(load);
}

// ---- One run ------------------------------------------------------------------------------------

const STAGE_ORDER = ["validating", "dataset", "pretraining", "training", "evaluation", "promotion", "done"];

function timeline(run) {
  const stages = run.stages || [];
  if (!stages.length) {
    return h("p", { class: "muted" }, run.source === "artifacts"
      ? "No stage history: this run has no run record; it is described from its checkpoints and report."
      : "No stages recorded yet.");
  }
  return h("div", { class: "timeline", id: "timeline" }, stages.map((s) => {
    const state = s.error ? "failed" : s.ended ? "done" : "active";
    const secs = s.started && s.ended ? Math.round((new Date(s.ended) - new Date(s.started)) / 1000) : null;
    return h("div", { class: "seg " + state, title: s.error || "" },
      h("b", {}, s.stage),
      secs !== null ? duration(secs) : state === "active" ? "running" : "",
      s.attempts > 1 ? h("div", { class: "bad" }, `${s.attempts} attempts`) : null,
      s.error ? h("div", { class: "bad" }, s.error) : null);
  }));
}

function stats(run) {
  const cell = (k, v) => h("div", { class: "stat" }, h("div", { class: "v" }, v), h("div", { class: "k" }, k));
  return h("div", { class: "stats", id: "stats" },
    cell("status", badge(run.status)),
    cell("stage", run.stage || "–"),
    cell("epoch", run.epoch != null ? `${run.epoch} / ${run.epochs ?? "?"}` : "–"),
    cell("step", run.step != null ? `${run.step}${run.totalSteps ? " / " + run.totalSteps : ""}` : "–"),
    cell("train loss", num(run.loss)),
    cell("tokens / s", typeof run.tokensPerSecond === "number" ? Math.round(run.tokensPerSecond) : "–"),
    cell("duration", duration(run.durationSeconds)),
    cell("model version", run.modelVersion ? [run.modelVersion, run.champion ? " ★" : ""] : "–"),
    run.pretraining ? cell("pretraining",
      `epoch ${run.pretraining.epoch ?? 0} / ${run.pretraining.epochs ?? "?"}, loss ${num(run.pretraining.loss)}`) : null);
}

/**
 * uPlot wants one x array; train and val points are merged on step, gaps as null. The server
 * extends a running run's train curve with the live points it has seen since the last record.
 */
function curveData(curve) {
  const train = (curve && curve.train) || [], val = (curve && curve.val) || [];
  const steps = [...new Set([...train.map((p) => p[0]), ...val.map((p) => p[0])])].sort((a, b) => a - b);
  const t = new Map(train), v = new Map(val);
  return [steps, steps.map((s) => (t.has(s) ? t.get(s) : null)), steps.map((s) => (v.has(s) ? v.get(s) : null))];
}

function drawCurve(box, run, chart) {
  const data = curveData(run.curve);
  box.dataset.trainPoints = data[1].filter((v) => v !== null).length;
  box.dataset.valPoints = (run.curve && run.curve.val || []).length;
  if (!data[0].length) {
    box.replaceChildren(h("p", { class: "muted" }, "No loss points yet."));
    return null;
  }
  if (chart) { chart.setData(data); return chart; }
  box.replaceChildren();
  const width = Math.max(320, box.clientWidth - 10);
  return new uPlot({
    width, height: 300,
    scales: { x: { time: false } },
    axes: [{ label: "step" }, { label: "loss" }],
    series: [
      { label: "step" },
      { label: "train", stroke: "#2563eb", width: 2, spanGaps: true, points: { show: data[0].length < 60 } },
      { label: "validation", stroke: "#dc2626", width: 2, spanGaps: true, points: { show: true, size: 7 } },
    ],
  }, data, box);
}

function checkpoints(run) {
  const list = run.checkpoints || [];
  if (!list.length) return h("p", { class: "muted" }, "No checkpoints yet.");
  return h("table", { id: "checkpoints" },
    h("thead", {}, h("tr", {}, h("th", { class: "num" }, "step"), h("th", { class: "num" }, "epoch"),
      h("th", { class: "num" }, "size"), h("th", {}, "weights sha256"))),
    h("tbody", {}, list.map((c) => h("tr", {},
      h("td", { class: "num" }, c.step), h("td", { class: "num" }, c.epoch ?? "–"),
      h("td", { class: "num" }, bytes(c.bytes)),
      h("td", {}, h("code", { title: c.key }, c.sha256 ? c.sha256.slice(0, 16) + "…" : "–"))))));
}

function picture(p, caption) {
  const img = p && p.svg
    ? h("img", { class: "mol", alt: caption, src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(p.svg) })
    : h("div", { class: "nomol" }, (p && p.error) || "no structure");
  return h("figure", {}, img, h("figcaption", {}, caption));
}

function metricsTable(obj, id) {
  const rows = Object.entries(obj || {}).filter(([, v]) => typeof v === "number");
  return h("table", { id }, h("tbody", {}, rows.map(([k, v]) =>
    h("tr", {}, h("th", {}, k), h("td", { class: "num" }, Number.isInteger(v) ? v : num(v, 4))))));
}

function evaluation(ev) {
  const r = ev.report || {};
  const parts = [h("h2", {}, "Evaluation"),
    h("p", { class: "muted" }, `${r.n ?? "?"} test examples, ${ev.beams ?? 1} beam(s); checkpoint `,
      h("code", {}, ev.checkpoint || "–"))];
  const verified = ev.verified || null;
  parts.push(h("div", { class: "grid2" },
    h("div", {}, h("h3", {}, "Metrics"), metricsTable(r, "eval-metrics")),
    verified ? h("div", {}, h("h3", {}, "Verified translation (a candidate OPSIN maps back to the input)"),
      metricsTable(verified, "verified")) : h("div")));
  if (r.by_heavy_atoms && r.by_heavy_atoms.length) {
    parts.push(h("h3", {}, "By heavy-atom count"), h("table", { id: "buckets" },
      h("thead", {}, h("tr", {}, h("th", {}, "heavy atoms"),
        ["n", "exact match", "round trip"].map((c) => h("th", { class: "num" }, c)))),
      h("tbody", {}, r.by_heavy_atoms.map((b) => h("tr", {}, h("td", {}, b.bucket), h("td", { class: "num" }, b.n),
        h("td", { class: "num" }, pct(b.exact_match)), h("td", { class: "num" }, pct(b.roundtrip_accuracy)))))));
  }
  const chem = ev.task === "smiles2iupac" || ev.task === "iupac2smiles";
  if (r.worst && r.worst.length) {
    parts.push(h("h3", {}, "Worst examples"), h("table", { id: "worst" },
      h("thead", {}, h("tr", {}, (chem ? ["input", "predicted", "structures: input | predicted name"] : ["input", "predicted"])
        .concat(["reference"]).map((c) => h("th", {}, c)), h("th", { class: "num" }, "edit dist."))),
      h("tbody", {}, r.worst.map((x) => h("tr", { class: "example" },
        h("td", {}, h("code", {}, x.input)),
        h("td", {}, x.prediction, x.matched ? h("div", { class: "ok" }, "same molecule")
          : typeof x.tanimoto === "number" && x.parsed ? h("div", { class: "muted" }, "Tanimoto " + num(x.tanimoto, 2)) : null),
        chem ? h("td", {}, x.inputPicture || x.predictionPicture
          ? h("div", { class: "pair" }, picture(x.inputPicture, "input"), picture(x.predictionPicture, "predicted"))
          : h("span", { class: "muted" }, "not drawn")) : null,
        h("td", {}, x.reference),
        h("td", { class: "num" }, num(x.normalized_edit_distance, 2)))))));
  }
  const coverage = Object.entries(ev.coverage_at_k || {});
  if (coverage.length) {
    parts.push(h("h3", {}, "Verified coverage by candidates tried"), h("table", { id: "coverage" },
      h("thead", {}, h("tr", {}, h("th", {}, "candidates"), coverage.map(([k]) => h("th", { class: "num" }, k)))),
      h("tbody", {}, h("tr", {}, h("td", {}, "coverage"), coverage.map(([, v]) => h("td", { class: "num" }, pct(v)))))));
  }
  const answers = ev.verified_answers || [];
  if (answers.length) {
    parts.push(h("h3", {}, `Verified answers (${answers.length} listed; the name OPSIN maps back to the input)`),
      h("table", { id: "verified-answers" },
        h("thead", {}, h("tr", {}, ["input", "verified name", "structures: input | name", "reference"].map((c) => h("th", {}, c)),
          h("th", { class: "num" }, "candidate"))),
        h("tbody", {}, answers.map((a) => h("tr", { class: "answer" },
          h("td", {}, h("code", {}, a.source)),
          h("td", {}, a.name, a.name === a.reference ? h("div", { class: "ok" }, "= reference") : null),
          h("td", {}, h("div", { class: "pair" }, picture(a.inputPicture, "input"), picture(a.predictionPicture, "name"))),
          h("td", {}, a.reference),
          h("td", { class: "num" }, a.rank + 1))))));
  }
  return h("section", { id: "evaluation" }, parts);
}

async function runPage(id) {
  let chart = null, evalShown = false;
  const head = h("div"), statsBox = h("div"), timeBox = h("div"), chartBox = h("div", { class: "chart", id: "curve" });
  const ckptBox = h("div"), evalBox = h("div"), specBox = h("div");
  main.replaceChildren(head, statsBox, h("h2", {}, "Stages"), timeBox,
    h("div", { class: "grid2" },
      h("div", {}, h("h2", {}, "Loss"), h("div", { class: "card" }, chartBox)),
      h("div", {}, h("h2", {}, "Checkpoints"), ckptBox)),
    evalBox, specBox);
  return poll(async () => {
    const run = await api("/api/runs/" + encodeURIComponent(id));
    if (!run) { main.replaceChildren(h("h1", {}, id), h("p", { class: "muted" }, "No such run in the store.")); return false; }
    head.replaceChildren(h("h1", {}, "Run ", h("span", { class: "mono" }, run.runId), " ", badge(run.status),
      run.live ? h("span", { class: "muted", title: "overlaid with Temporal's live progress" }, " live") : null),
      h("p", { class: "muted" },
        [run.task, run.baseModel && "base " + run.baseModel, run.created && "started " + when(run.created),
          run.source === "artifacts" && "described from its artifacts (no run record)"].filter(Boolean).join(" · "),
        run.temporalUrl ? [" · ", h("a", { href: run.temporalUrl, id: "temporal-link" }, "Temporal UI")] : null,
        run.error ? h("div", { class: "bad" }, run.error) : null));
    statsBox.replaceChildren(stats(run));
    timeBox.replaceChildren(timeline(run));
    chart = drawCurve(chartBox, run, chart);
    ckptBox.replaceChildren(checkpoints(run));
    if (!evalShown && (run.reportKey || SETTLED.has(run.status))) {
      const ev = await api("/api/runs/" + encodeURIComponent(id) + "/evaluation");
      if (ev) { evalBox.replaceChildren(evaluation(ev)); evalShown = true; }
    }
    if (run.spec && !specBox.childElementCount) {
      specBox.append(h("h2", {}, "Spec"), h("pre", { id: "spec" }, JSON.stringify(run.spec, null, 2)));
    }
    return !(SETTLED.has(run.status) && evalShown);
  });
}

// ---- Models -------------------------------------------------------------------------------------

async function modelsPage() {
  const data = await api("/api/models");
  const parts = [h("h1", {}, "Models")];
  if (!data.tasks.length) parts.push(h("p", { class: "muted" }, "The registry is empty: no run has been promoted yet."));
  const shown = [];
  for (const t of data.tasks) {
    const card = h("pre", { class: "model-card" }, "Choose a version's card.");
    const showCard = async (version) => {
      const r = await fetch(`/api/models/${encodeURIComponent(t.task)}/${encodeURIComponent(version)}/card`);
      card.textContent = r.ok ? await r.text() : "No model card.";
    };
    const first = t.champion ? t.champion.version : t.versions.length ? t.versions[0].version : null;
    if (first) shown.push(showCard(first));
    parts.push(h("h2", {}, t.task),
      h("p", {}, "Champion: ", t.champion ? [h("b", {}, t.champion.version), ` (${t.champion.metric}, since ${when(t.champion.promotedAt)})`] : "none"),
      h("table", { class: "versions" },
        h("thead", {}, h("tr", {}, ["version", "run", "base model", "exact match", "round trip", "created", ""].map((c) => h("th", {}, c)))),
        h("tbody", {}, t.versions.map((v) => h("tr", {},
          h("td", {}, v.version, v.champion ? [" ", h("span", { class: "badge champion" }, "champion")] : null),
          h("td", {}, v.runId ? runLink(v.runId) : "–"),
          h("td", {}, v.baseModel || "–"),
          h("td", { class: "num" }, num((v.metrics || {}).exact_match)),
          h("td", { class: "num" }, num((v.metrics || {}).roundtrip_accuracy)),
          h("td", {}, when(v.createdAt)),
          h("td", {}, h("a", { href: "#", onclick: (e) => { e.preventDefault(); showCard(v.version); } }, "card")))))),
      h("h3", {}, "Promotion log"),
      t.promotions.length ? h("table", { class: "promotions" }, h("tbody", {}, t.promotions.map((p) => h("tr", {},
        h("td", {}, when(p.at)), h("td", {}, p.version), h("td", {}, p.promoted ? "promoted" : "kept champion"),
        h("td", {}, p.reason))))) : h("p", { class: "muted" }, "No promotions."),
      h("h3", {}, "Model card (the champion's, or the newest version's)"), card);
  }
  main.replaceChildren(...parts);
  await Promise.all(shown);
  stamp();
}

// ---- Schedules and sweeps -----------------------------------------------------------------------

async function schedulesPage() {
  const [s, w] = await Promise.all([api("/api/schedules"), api("/api/sweeps")]);
  const parts = [h("h1", {}, "Schedules"),
    s.schedules.length ? h("table", { id: "schedules" },
      h("thead", {}, h("tr", {}, ["name", "cron", "state", "next fire", "last fire", "last run"].map((c) => h("th", {}, c)))),
      h("tbody", {}, s.schedules.map((x) => h("tr", {}, h("td", {}, x.name), h("td", {}, h("code", {}, x.cron), " ", h("span", { class: "muted" }, x.timeZone || "")),
        h("td", {}, x.state), h("td", {}, when(x.nextFireTime)), h("td", {}, when(x.previousFireTime)),
        h("td", {}, x.lastRunId ? [runLink(x.lastRunId), " ", x.lastRunStatus ? badge(x.lastRunStatus) : null] : "–")))))
      : h("p", { class: "muted" }, "No schedules (seqtune schedule add …)."),
    h("h1", {}, "Sweeps")];
  if (!w.sweeps.length) parts.push(h("p", { class: "muted" }, "No sweep reports yet (seqtune sweep …)."));
  for (const sw of w.sweeps) {
    const header = sw.header || [];
    const wf = header.indexOf("workflow_id");
    parts.push(h("h2", {}, sw.sweepId, sw.complete ? "" : " (incomplete)"),
      h("table", { class: "sweep" }, h("thead", {}, h("tr", {}, header.map((c) => h("th", {}, c)))),
        h("tbody", {}, (sw.rows || []).map((row) => h("tr", {}, row.map((c, i) => h("td", {}, i === wf && c ? runLink(c) : c)))))),
      h("div", { class: "plots" }, sw.plots.map((p) => h("img", { alt: p, src: `/api/sweeps/${encodeURIComponent(sw.sweepId)}/plots/${encodeURIComponent(p)}` }))));
  }
  main.replaceChildren(...parts);
  stamp();
}

// ---- Router -------------------------------------------------------------------------------------

function route() {
  const path = location.pathname.replace(/\/+$/, "") || "/";
  const nav = path.startsWith("/models") ? "models" : path.startsWith("/schedules") || path.startsWith("/sweeps") ? "schedules" : "runs";
  document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.nav === nav));
  const m = path.match(/^\/runs\/([^/]+)$/);
  if (m) return runPage(decodeURIComponent(m[1]));
  if (nav === "models") return modelsPage();
  if (nav === "schedules") return schedulesPage();
  return runsPage();
}

document.addEventListener("visibilitychange", () => { if (!document.hidden) route().catch(fail); });
route()
  .then(() => {
    // Sections render after load, so a link to one (/runs/<id>#evaluation) scrolls once they exist.
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (target) target.scrollIntoView();
    document.body.setAttribute("data-ready", "true");
  })
  .catch(fail);
