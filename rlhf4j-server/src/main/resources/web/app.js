// rlhf4j feedback app. Everything from the data is written with textContent, never as HTML,
// so a prompt or response holding <script> or <img onerror> shows as text and runs nothing.
"use strict";

(function () {
  const csrf = () => { const m = document.querySelector('meta[name="csrf"]'); return m ? m.content : ""; };

  async function api(method, url, body) {
    const opts = { method, headers: { "X-CSRF-Token": csrf() }, credentials: "same-origin" };
    if (body !== undefined) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    const r = await fetch(url, opts);
    let data = null;
    try { data = await r.json(); } catch (e) { data = { error: "HTTP " + r.status }; }
    if (!r.ok) throw new Error(data && data.error ? data.error : "HTTP " + r.status);
    return data;
  }

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function annotate(root) {
    const projectId = root.dataset.project, kind = root.dataset.kind;
    const criteria = root.dataset.criteria ? root.dataset.criteria.split(",") : [];
    const base = "/api/projects/" + projectId;
    const status = document.getElementById("status"), progress = document.getElementById("progress");
    const itemBox = document.getElementById("item"), promptBox = document.getElementById("prompt");
    const responsesBox = document.getElementById("responses"), controls = document.getElementById("controls"), keys = document.getElementById("keys");
    let item = null, busy = false, skipping = false, strength = null, order = [], animation = null, waiting = null;

    function say(text, isError) { status.textContent = text; status.className = isError ? "error" : ""; }
    function showProgress(p) { progress.textContent = "Your answers: " + p.yourAnswers + " · items: " + p.items + " · still open: " + p.open; }

    function button(label, key, action) {
      const b = el("button", { type: "button", "data-key": key }, label + " (" + key + ")");
      b.addEventListener("click", action);
      controls.appendChild(b);
      return b;
    }

    function render(data) {
      showProgress(data.progress);
      item = data.done ? null : data.item;
      controls.textContent = ""; responsesBox.textContent = ""; promptBox.textContent = "";
      if (animation !== null) { clearInterval(animation); animation = null; }
      if (waiting !== null) { clearTimeout(waiting); waiting = null; }
      skipping = false; strength = null; order = [];
      if (!item && kind === "clips") {
        // a training run posts its queries one at a time: look again until the next one comes
        itemBox.hidden = true; keys.textContent = ""; say("No query waiting: the training is running, and its next query appears here by itself.");
        addUndo(); waiting = setTimeout(load, 1000); return;
      }
      if (!item) { itemBox.hidden = true; keys.textContent = ""; say("Nothing left to annotate in this project. Thank you!"); addUndo(); return; }
      itemBox.hidden = false;
      root.dataset.item = item.id;
      for (const m of item.prompt) {
        const turn = el("div", { class: "turn" });
        if (kind !== "clips") turn.appendChild(el("div", { class: "role" }, m.role));
        turn.appendChild(el("div", { class: "text" }, m.content));
        promptBox.appendChild(turn);
      }
      if (kind === "clips") { showClips(item.responses); controlsFor(kind); addUndo(); return; }
      item.responses.forEach((text, i) => {
        const box = el("div", { class: "response", id: "response-" + (i + 1) });
        box.appendChild(el("h3", {}, item.responses.length === 2 && kind === "comparison" ? (i === 0 ? "A" : "B") : "Response " + (i + 1)));
        box.appendChild(el("div", { class: "text" }, text));
        responsesBox.appendChild(box);
      });
      controlsFor(kind);
      addUndo();
    }

    function addUndo() {
      if (item) button("Skip", "s", startSkip);
      button("Undo last answer", "u", undo);
    }

    function controlsFor(k) {
      if (k === "comparison") {
        button("A is better", "1", () => submit({ choice: "a", strength }));
        button("B is better", "2", () => submit({ choice: "b", strength }));
        button("Tie", "t", () => submit({ choice: "tie" }));
        button("Both bad", "b", () => submit({ choice: "both_bad" }));
        const names = { z: [1, "slightly"], x: [2, "clearly"], c: [3, "much"] };
        for (const [key, [value, word]] of Object.entries(names)) {
          const b = button("Strength: " + word, key, () => setStrength(value));
          b.dataset.strength = value;
        }
        keys.textContent = "Keys: 1 = A better, 2 = B better, t = tie, b = both bad; z/x/c before 1 or 2 sets the strength (slightly/clearly/much); s = skip; u = undo.";
      } else if (k === "rating") {
        for (let s = 1; s <= 5; s++) button(s + " star" + (s > 1 ? "s" : ""), String(s), () => submit(ratingAnswer(s)));
        for (const c of criteria) {
          const label = el("label", {}, c + " ");
          const select = el("select", { "data-criterion": c, id: "criterion-" + c });
          select.appendChild(el("option", { value: "" }, "-"));
          for (let s = 1; s <= 5; s++) select.appendChild(el("option", { value: String(s) }, String(s)));
          label.appendChild(select);
          controls.appendChild(label);
        }
        keys.textContent = "Keys: 1-5 = stars (criteria, if any, first with Tab and the arrow keys); s = skip; u = undo.";
      } else if (k === "ranking") {
        const shown = el("p", { id: "order" }, "");
        controls.appendChild(shown);
        button("Clear order", "Backspace", () => { order = []; showOrder(); });
        button("Submit ranking", "Enter", submitRanking);
        responsesBox.querySelectorAll(".response").forEach((box, i) => box.addEventListener("click", () => pick(i + 1)));
        showOrder();
        keys.textContent = "Keys: press the response numbers best first (e.g. 2 1 3), or click the responses in that order; Enter submits; Backspace clears; s = skip; u = undo.";
      } else if (k === "critique") {
        const c = el("textarea", { id: "critique", rows: "5", maxlength: "20000", placeholder: "What is wrong or could be better?" });
        const fix = el("textarea", { id: "corrected", rows: "6", maxlength: "100000", placeholder: "Optional: the corrected response" });
        controls.appendChild(el("label", { for: "critique" }, "Critique"));
        controls.appendChild(c);
        controls.appendChild(el("label", { for: "corrected" }, "Corrected response (optional)"));
        controls.appendChild(fix);
        button("Submit critique", "Ctrl+Enter", submitCritique);
        keys.textContent = "Keys: c = write the critique, Ctrl+Enter = submit; Esc leaves the text box; s = skip; u = undo.";
      } else if (k === "clips") {
        button("A (left) is better", "a", () => submit({ choice: "a" }));
        button("B (right) is better", "b", () => submit({ choice: "b" }));
        button("Equally good", "=", () => submit({ choice: "tie" }));
        keys.textContent = "Keys: a or 1 = the left clip is better, b or 2 = the right clip, = = equally good; s = skip; u = undo (until the training takes the answer).";
      }
    }

    // CartPole as Gymnasium draws it: the track is x in [-2.4, 2.4], the pole 1.0 long, the episode
    // ends past 12 degrees or the track's end. Only numbers from the clip are used, drawn on a canvas.
    const TRACK = 2.4, POLE = 1.0, FAIL_ANGLE = 12 * Math.PI / 180, FRAME_MILLIS = 80;

    function showClips(responses) {
      const clips = responses.map(text => { try { return JSON.parse(text); } catch (e) { return null; } });
      const views = clips.map((clip, i) => {
        const box = el("div", { class: "response clip", id: "response-" + (i + 1) });
        box.appendChild(el("h3", {}, i === 0 ? "A (left)" : "B (right)"));
        const canvas = el("canvas", { width: "480", height: "180", id: "clip-" + (i + 1), role: "img", "aria-label": "clip " + (i === 0 ? "A" : "B") });
        box.appendChild(canvas);
        const caption = el("p", { class: "caption", id: "caption-" + (i + 1) }, "");
        box.appendChild(caption);
        responsesBox.appendChild(box);
        return { clip, canvas, caption };
      });
      const length = Math.max(...views.map(v => (v.clip && Number(v.clip.length)) || 0));
      let t = 0;
      const frame = () => {
        for (const v of views) drawCartPole(v, t);
        t = (t + 1) % (length + 10);  // a short pause on the last frame before the clips start again
      };
      frame();
      animation = setInterval(frame, FRAME_MILLIS);
    }

    function drawCartPole(view, t) {
      const { clip, canvas, caption } = view, g = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
      g.fillStyle = "#fff"; g.fillRect(0, 0, w, h);
      if (!clip || !Array.isArray(clip.observations) || clip.observations.length === 0) { caption.textContent = "cannot draw this clip"; return; }
      const length = Number(clip.length), real = clip.observations.length, step = Math.min(t, length - 1);
      const over = step >= real, state = clip.observations[Math.min(step, real - 1)];
      const x = Number(state[0]), theta = Number(state[2]);
      const scale = w / (2 * TRACK * 1.1), groundY = h * 0.75, cartX = w / 2 + x * scale;
      g.strokeStyle = "#5b6775"; g.lineWidth = 2;
      g.beginPath(); g.moveTo(w / 2 - TRACK * scale, groundY); g.lineTo(w / 2 + TRACK * scale, groundY); g.stroke();
      g.beginPath(); g.moveTo(w / 2, groundY - 6); g.lineTo(w / 2, groundY + 6); g.stroke();
      g.globalAlpha = over ? 0.35 : 1;
      g.fillStyle = "#24303c"; g.fillRect(cartX - 25, groundY - 15, 50, 30);
      g.strokeStyle = Math.abs(theta) > FAIL_ANGLE ? "#a4141b" : "#c27c0e"; g.lineWidth = 8; g.lineCap = "round";
      g.beginPath(); g.moveTo(cartX, groundY - 15); g.lineTo(cartX + Math.sin(theta) * POLE * scale, groundY - 15 - Math.cos(theta) * POLE * scale); g.stroke();
      g.globalAlpha = 1;
      if (over) { g.fillStyle = "#a4141b"; g.font = "bold 20px system-ui, sans-serif"; g.fillText("episode over", 12, 28); }
      const start = Number(clip.start) || 0;
      caption.textContent = "step " + (step + 1) + " of " + length + " (episode step " + (start + step) + ")" + (over ? ": episode over" : "")
        + " · cart " + x.toFixed(2) + " · pole " + (theta * 180 / Math.PI).toFixed(1) + "°";
    }

    function setStrength(v) {
      strength = v;
      for (const b of controls.querySelectorAll("button[data-strength]")) b.classList.toggle("on", Number(b.dataset.strength) === v);
    }

    function ratingAnswer(stars) {
      const given = {};
      for (const s of controls.querySelectorAll("select[data-criterion]")) if (s.value) given[s.dataset.criterion] = Number(s.value);
      return Object.keys(given).length ? { stars, criteria: given } : { stars };
    }

    function showOrder() {
      const n = item.responses.length;
      document.getElementById("order").textContent = order.length ? "Best first: " + order.join(" > ") + (order.length < n ? " ..." : "") : "Press the response numbers, best first.";
      responsesBox.querySelectorAll(".response").forEach((b, i) => b.classList.toggle("chosen", order.includes(i + 1)));
    }

    function pick(response) {
      if (order.includes(response)) return;
      order.push(response);
      showOrder();
      if (order.length === item.responses.length) submitRanking();
    }

    function submitRanking() {
      const n = item.responses.length;
      if (order.length === n - 1) for (let i = 1; i <= n; i++) if (!order.includes(i)) order.push(i);
      if (order.length !== n) { say("Rank all " + n + " responses first.", true); return; }
      const ranks = new Array(n);
      order.forEach((response, position) => { ranks[response - 1] = position + 1; });
      submit({ ranks });
    }

    function submitCritique() {
      const critique = document.getElementById("critique").value, corrected = document.getElementById("corrected").value;
      if (!critique.trim()) { say("Write the critique first.", true); return; }
      submit(corrected.trim() ? { critique, corrected } : { critique });
    }

    function startSkip() {
      if (!item || skipping) return;
      skipping = true;
      const input = el("input", { id: "skip-reason", maxlength: "500", placeholder: "Why skip? Enter to confirm, Esc to cancel" });
      controls.appendChild(input);
      input.focus();
      input.addEventListener("keydown", e => {
        if (e.key === "Enter" && input.value.trim()) { e.preventDefault(); send("skip", { reason: input.value }); }
        if (e.key === "Escape") { skipping = false; input.remove(); }
        e.stopPropagation();
      });
    }

    async function send(what, body) {
      if (busy || !item) return;
      busy = true;
      try {
        await api("POST", base + "/items/" + item.id + "/" + what, body);
        say(what === "skip" ? "Skipped." : "Saved.");
        await load();
      } catch (e) { say(e.message, true); } finally { busy = false; }
    }

    function submit(answer) {
      if (answer.strength === null) delete answer.strength;
      return send("answer", { answer });
    }

    async function undo() {
      if (busy) return;
      busy = true;
      try { await api("POST", base + "/undo"); say("Last answer taken back: answer it again."); await load(); }
      catch (e) { say(e.message, true); } finally { busy = false; }
    }

    async function load() {
      try { render(await api("GET", base + "/next")); } catch (e) { say(e.message, true); }
    }

    document.addEventListener("keydown", e => {
      const typing = e.target && (e.target.tagName === "TEXTAREA" || e.target.tagName === "INPUT" || e.target.tagName === "SELECT");
      if (kind === "critique" && e.key === "Enter" && e.ctrlKey) { e.preventDefault(); submitCritique(); return; }
      if (typing) { if (e.key === "Escape") e.target.blur(); return; }
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      const k = e.key;
      if (k === "u") { e.preventDefault(); undo(); return; }
      if (!item) return;
      if (k === "s") { e.preventDefault(); startSkip(); return; }
      if (kind === "comparison") {
        if (k === "1") submit({ choice: "a", strength });
        else if (k === "2") submit({ choice: "b", strength });
        else if (k === "t") submit({ choice: "tie" });
        else if (k === "b") submit({ choice: "both_bad" });
        else if (k === "z") setStrength(1);
        else if (k === "x") setStrength(2);
        else if (k === "c") setStrength(3);
      } else if (kind === "rating") {
        if (k >= "1" && k <= "5" && k.length === 1) submit(ratingAnswer(Number(k)));
      } else if (kind === "ranking") {
        const n = item.responses.length, d = Number(k);
        if (k.length === 1 && d >= 1 && d <= n) pick(d);
        else if (k === "Backspace") { order = []; showOrder(); }
        else if (k === "Enter") submitRanking();
      } else if (kind === "clips") {
        if (k === "a" || k === "1") submit({ choice: "a" });
        else if (k === "b" || k === "2") submit({ choice: "b" });
        else if (k === "=") submit({ choice: "tie" });
      } else if (kind === "critique") {
        if (k === "c") { e.preventDefault(); document.getElementById("critique").focus(); }
      }
    });

    load();
  }

  document.addEventListener("DOMContentLoaded", () => {
    const root = document.getElementById("annotate");
    if (root) annotate(root);
  });
})();
