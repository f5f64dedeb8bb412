/* cardback web app: a little vanilla JavaScript on server-rendered pages.
 *
 * Security rule for this file: text that came from a card (or any API answer) is only ever put in
 * the page with textContent / createElement, never with innerHTML; links are built from ids only.
 * No inline scripts or styles anywhere (the Content-Security-Policy forbids them).
 */
"use strict";

(() => {
  // ------------------------------------------------------------ small helpers
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const csrfToken = () => ($('meta[name="csrf-token"]') || {}).content || "";
  const EVENT_KEY = "cardback.event";
  const STACK_KEY = "cardback.stack";
  const FLASH_KEY = "cardback.flash";
  const UNDO_KEY = "cardback.undo-merge";
  const scanKey = (id) => `cardback.scan.${id}`;

  const FIELD_LABELS = {
    name: "Name", title: "Job title", company: "Company", emails: "Email", phones: "Phone",
    website: "Website", address: "Address", social: "Social",
  };
  const DOUBTFUL_BELOW = 0.9;

  /** Build an element; children are nodes or strings (strings become text, never HTML). */
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function svgEl(tag, attrs = {}) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    return node;
  }

  function isoDate(date) {
    const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
    return local.toISOString().slice(0, 10);
  }
  const today = () => isoDate(new Date());
  function daysFromToday(days) {
    const date = new Date();
    date.setDate(date.getDate() + days);
    return isoDate(date);
  }

  let toastTimer = 0;
  function toast(message) {
    const box = $("#toast");
    if (!box) return;
    box.textContent = message;
    box.classList.add("show");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => box.classList.remove("show"), 2600);
  }
  /** A message shown on the next page (after a navigation). */
  function flash(message) {
    sessionStorage.setItem(FLASH_KEY, message);
  }

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  function describeError(data, fallback) {
    if (!data || data.detail === undefined) return fallback;
    if (typeof data.detail === "string") return data.detail;
    if (Array.isArray(data.detail)) {
      return data.detail.map((e) => `${(e.loc || []).slice(-1)[0] || "input"}: ${e.msg}`).join("; ");
    }
    return fallback;
  }

  function goToLogin() {
    const next = location.pathname + location.search;
    location.href = `/login?next=${encodeURIComponent(next)}`;
  }

  /** fetch() with the session cookie, JSON in/out and the CSRF header on every mutating call. */
  async function api(method, url, body) {
    const headers = { Accept: "application/json" };
    const init = { method, headers, credentials: "same-origin" };
    if (method !== "GET" && method !== "HEAD") headers["X-CSRF-Token"] = csrfToken();
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    const type = response.headers.get("content-type") || "";
    const data = type.includes("json") ? await response.json().catch(() => null) : null;
    if (response.status === 401 && !["login", "setup"].includes(document.body.dataset.page)) {
      goToLogin();
    }
    if (!response.ok) {
      throw new ApiError(response.status, describeError(data, `${response.status} ${response.statusText}`));
    }
    return data;
  }

  /** Lists come as a bare array or as {data: [...]}. */
  const asList = (answer) => (Array.isArray(answer) ? answer : (answer && answer.data) || []);

  function showError(form, error) {
    const box = $("#form-error", form) || $("#form-error");
    if (box) box.textContent = error ? error.message || String(error) : "";
  }

  async function busy(button, work) {
    if (button) button.disabled = true;
    try {
      return await work();
    } finally {
      if (button) button.disabled = false;
    }
  }

  // ------------------------------------------------------------ events (shared by several screens)
  const eventLabel = (event) => [event.name, event.held_on].filter(Boolean).join(" · ");

  async function loadEvents(select, selected) {
    if (!select) return [];
    let events = [];
    try {
      events = asList(await api("GET", "/api/events?limit=200"));
    } catch (error) {
      return []; // no events yet (or the endpoint is unavailable): "No event" still works
    }
    events.sort((a, b) => String(b.held_on || b.created_at).localeCompare(String(a.held_on || a.created_at)));
    for (const event of events) select.append(el("option", { value: event.id, text: eventLabel(event) }));
    if (selected && events.some((e) => String(e.id) === String(selected))) select.value = String(selected);
    return events;
  }

  async function fetchEvent(eventId) {
    if (!eventId) return null;
    try {
      return await api("GET", `/api/events/${encodeURIComponent(eventId)}`);
    } catch (error) {
      return null;
    }
  }

  // ------------------------------------------------------------ first run and login
  function initSetup() {
    const form = $("#setup-form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const email = form.email.value.trim();
      const password = form.password.value;
      if (!email || !form.email.checkValidity()) return showError(form, new Error("Enter a valid email."));
      if (password.length < 8) return showError(form, new Error("The password needs at least 8 characters."));
      if (password !== form.password2.value) return showError(form, new Error("The two passwords differ."));
      busy(form.querySelector("button[type=submit]"), async () => {
        try {
          await api("POST", "/api/auth/setup", { email, password });
          flash("Account created. Scan your first card.");
          location.href = "/scan";
        } catch (error) {
          showError(form, error);
        }
      });
    });
  }

  function initLogin() {
    const form = $("#login-form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const email = form.email.value.trim();
      const password = form.password.value;
      if (!email || !password) return showError(form, new Error("Enter your email and password."));
      busy(form.querySelector("button[type=submit]"), async () => {
        try {
          await api("POST", "/api/auth/login", { email, password });
          location.href = form.dataset.next || "/scan";
        } catch (error) {
          showError(form, error.status === 401 ? new Error("Wrong email or password.") : error);
        }
      });
    });
  }

  // ------------------------------------------------------------ scan
  function initScan() {
    const form = $("#scan-form");
    const select = $("#event");
    loadEvents(select, localStorage.getItem(EVENT_KEY));
    select.addEventListener("change", () => localStorage.setItem(EVENT_KEY, select.value));
    initNewEvent(select);
    for (const side of ["front", "back"]) initPhotoInput(side);
    $("#clear-back").addEventListener("click", () => {
      $("#back").value = "";
      $("#back").dispatchEvent(new Event("change"));
    });
    const stacked = Number(sessionStorage.getItem(STACK_KEY) || 0);
    if (stacked) $("#stack-count").textContent = `${stacked} card${stacked === 1 ? "" : "s"} scanned so far.`;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const front = $("#front").files[0];
      if (!front) return showError(form, new Error("Take a photo of the front of the card first."));
      showError(form, null);
      uploadCard(form, front, $("#back").files[0], select.value);
    });
  }

  function initNewEvent(select) {
    const toggle = $("#new-event-toggle");
    const box = $("#new-event");
    toggle.addEventListener("click", () => {
      box.hidden = !box.hidden;
      toggle.setAttribute("aria-expanded", String(!box.hidden));
      if (!box.hidden) {
        if (!$("#event-date").value) $("#event-date").value = today();
        $("#event-name").focus();
      }
    });
    $("#event-create").addEventListener("click", () => {
      const name = $("#event-name").value.trim();
      if (!name) return $("#event-name").focus();
      const body = { name, held_on: $("#event-date").value || null, place: $("#event-place").value.trim() || null };
      busy($("#event-create"), async () => {
        try {
          const created = await api("POST", "/api/events", body);
          select.append(el("option", { value: created.id, text: eventLabel(created) }));
          select.value = String(created.id);
          localStorage.setItem(EVENT_KEY, select.value);
          box.hidden = true;
          toggle.setAttribute("aria-expanded", "false");
          toast(`Event "${created.name}" added`);
        } catch (error) {
          showError($("#scan-form"), error);
        }
      });
    });
  }

  function initPhotoInput(side) {
    const input = $(`#${side}`);
    const preview = $(`#${side}-preview`);
    input.addEventListener("change", () => {
      if (preview.src) URL.revokeObjectURL(preview.src);
      const file = input.files[0];
      preview.hidden = !file;
      if (file) preview.src = URL.createObjectURL(file);
      else preview.removeAttribute("src");
      if (side === "back") $("#clear-back").hidden = !file;
    });
  }

  function setProgress(percent, text) {
    const bar = $("#progress-bar");
    $("#progress").hidden = false;
    if (percent === null) bar.removeAttribute("value"); // indeterminate while the card is read
    else bar.value = percent;
    $("#progress-text").textContent = text;
  }

  /** XMLHttpRequest rather than fetch: it reports upload progress, which matters on a phone network. */
  function uploadCard(form, front, back, eventId) {
    const data = new FormData();
    data.append("front", front, front.name || "front.jpg");
    if (back) data.append("back", back, back.name || "back.jpg");
    if (eventId) data.append("event_id", eventId);
    const submit = $("#scan-submit");
    submit.disabled = true;
    const request = new XMLHttpRequest();
    request.open("POST", "/api/cards?wait=30");
    request.setRequestHeader("X-CSRF-Token", csrfToken());
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100), "Uploading the photo…");
    });
    request.upload.addEventListener("load", () => setProgress(null, "Reading the card…"));
    request.addEventListener("load", () => {
      let answer = null;
      try {
        answer = JSON.parse(request.responseText);
      } catch (error) {
        answer = null;
      }
      if (request.status === 201 || request.status === 200) return openReview(answer);
      if (request.status === 202) return waitForJob(form, answer);
      if (request.status === 401) return goToLogin();
      scanFailed(form, new Error(describeError(answer, `The upload failed (${request.status}).`)));
    });
    request.addEventListener("error", () => scanFailed(form, new Error("No connection to the server. Try again.")));
    setProgress(0, "Uploading the photo…");
    request.send(data);
  }

  function scanFailed(form, error) {
    $("#progress").hidden = true;
    $("#scan-submit").disabled = false;
    showError(form, error);
  }

  function openReview(scan) {
    const contactId = scan.contact.id;
    sessionStorage.setItem(scanKey(contactId), JSON.stringify({ status: scan.status, duplicates: scan.duplicates || [] }));
    sessionStorage.setItem(STACK_KEY, String(Number(sessionStorage.getItem(STACK_KEY) || 0) + 1));
    location.href = `/review/${encodeURIComponent(contactId)}`;
  }

  /** The server queued the scan (202): poll the job until it is done or failed. */
  async function waitForJob(form, job) {
    setProgress(null, "Queued, reading the card…");
    const url = `/api/jobs/${encodeURIComponent(job.id)}`;
    for (let attempt = 0; attempt < 180; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      let current;
      try {
        current = await api("GET", url);
      } catch (error) {
        return scanFailed(form, error);
      }
      if (current.status === "done") {
        if (current.result) return openReview(current.result);
        location.href = `/review/${encodeURIComponent(current.contact_id)}`;
        return undefined;
      }
      if (current.status === "failed") {
        return scanFailed(form, new Error(current.error || "The card could not be read."));
      }
      setProgress(null, current.status === "running" ? "Reading the card…" : "Queued, reading the card…");
    }
    return scanFailed(form, new Error("Still reading after 3 minutes; find the card later in Contacts."));
  }

  // ------------------------------------------------------------ review
  const contactData = () => JSON.parse($("#contact-data").textContent);
  const latestCard = (contact) => (contact.cards || []).slice().sort((a, b) => a.id - b.id).pop() || null;

  function initReview() {
    const contact = contactData();
    const card = latestCard(contact);
    drawFieldBoxes(contact, card);
    showScanStatus(contact);
    initMultiRows();
    initQuickPicks();
    prefillNotes(contact);
    const form = $("#contact-form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const then = (event.submitter && event.submitter.dataset.then) || "contact";
      busy(event.submitter, () => saveReview(form, contact, then));
    });
  }

  /** Outline each recognised field on the straightened card (boxes are in its pixels). */
  function drawFieldBoxes(contact, card) {
    const image = $("#card-image");
    const svg = $("#card-boxes");
    if (!image || !svg || !card) return;
    const boxes = (card.fields && card.fields.boxes) || {};
    const confidence = Object.assign({}, (card.fields && card.fields.confidence) || {}, contact.confidence || {});
    const draw = () => {
      if (image.dataset.fellBack || !image.naturalWidth) return; // boxes only fit the straightened image
      svg.setAttribute("viewBox", `0 0 ${image.naturalWidth} ${image.naturalHeight}`);
      svg.replaceChildren();
      for (const [field, box] of Object.entries(boxes)) {
        if (!Array.isArray(box) || box.length !== 4) continue;
        const [x, y, w, h] = box.map(Number);
        const rect = svgEl("rect", { x, y, width: w, height: h, rx: 4 });
        if ((confidence[field] ?? 1) < DOUBTFUL_BELOW) rect.setAttribute("class", "doubtful");
        const title = svgEl("title");
        title.textContent = FIELD_LABELS[field] || field;
        rect.append(title);
        svg.append(rect);
      }
    };
    image.addEventListener("error", () => {
      if (image.dataset.fellBack || !image.dataset.fallback) return;
      image.dataset.fellBack = "1";
      image.src = image.dataset.fallback;
    });
    if (image.complete) draw();
    image.addEventListener("load", draw);
  }

  async function showScanStatus(contact) {
    const saved = JSON.parse(sessionStorage.getItem(scanKey(contact.id)) || "null");
    if (saved && saved.status === "duplicate") {
      const box = $("#scan-status");
      box.textContent = "You scanned this card before: this is the contact saved then.";
      box.hidden = false;
    }
    let duplicates = saved ? saved.duplicates : null;
    if (!duplicates) {
      try {
        duplicates = asList(await api("GET", `/api/contacts/${contact.id}/duplicates`));
      } catch (error) {
        duplicates = [];
      }
    }
    renderDuplicates(contact, duplicates.filter((d) => d.contact_id !== contact.id));
  }

  function renderDuplicates(contact, duplicates) {
    const list = $("#duplicates-list");
    list.replaceChildren();
    for (const dup of duplicates) {
      const who = [dup.name || "Unnamed contact", dup.company].filter(Boolean).join(" · ");
      const reasons = el("ul", { class: "reasons" }, ...(dup.reasons || []).map((r) => el("li", { text: r })));
      const merge = el("button", {
        type: "button", class: "secondary small", text: "Same person: merge",
        "aria-label": `Same person as ${who}: merge this card into that contact`,
        onclick: (event) => busy(event.currentTarget, () => mergeInto(contact, dup, who)),
      });
      list.append(el("li", {}, el("a", { href: `/contacts/${Number(dup.contact_id)}`, text: who }), reasons, merge));
    }
    $("#duplicates").hidden = duplicates.length === 0;
  }

  /** Save what was typed, then move this card, its notes and steps to the older contact. */
  async function mergeInto(contact, dup, who) {
    const form = $("#contact-form");
    showError(form, null);
    try {
      await api("PATCH", `/api/contacts/${contact.id}`, reviewBody(form));
      await addQuickPickStep(form, contact);
      await api("POST", `/api/contacts/${contact.id}/merge`, { into_id: Number(dup.contact_id) });
    } catch (error) {
      showError(form, error);
      return;
    }
    sessionStorage.removeItem(scanKey(contact.id));
    sessionStorage.setItem(UNDO_KEY, JSON.stringify({ source: contact.id, target: Number(dup.contact_id) }));
    flash(`Merged into ${who}`);
    location.href = `/contacts/${Number(dup.contact_id)}`;
  }

  /** "+ Add an email / phone" buttons add an empty row. */
  function initMultiRows() {
    for (const button of $$("[data-add]")) {
      button.addEventListener("click", () => {
        const list = button.parentElement.querySelector(".multi-list");
        const n = list.children.length + 1;
        const row = button.dataset.add === "email" ? emailRow(n) : phoneRow(n);
        list.append(row);
        row.querySelector("input").focus();
      });
    }
  }

  function emailRow(n) {
    const id = `f-email-new-${n}`;
    return el("li", {},
      el("label", { class: "visually-hidden", for: id, text: `Email ${n}` }),
      el("input", { id, name: "emails", type: "email", inputmode: "email", autocomplete: "off" }));
  }

  function phoneRow(n) {
    const id = `f-phone-new-${n}`;
    const types = ["mobile", "work", "fax", "other"].map((t) => el("option", { value: t, text: t }));
    return el("li", { class: "row" },
      el("label", { class: "visually-hidden", for: id, text: `Phone ${n}` }),
      el("input", { id, name: "phone-number", type: "tel", autocomplete: "off", class: "grow" }),
      el("label", { class: "visually-hidden", for: `${id}-type`, text: `Phone ${n} type` }),
      el("select", { id: `${id}-type`, name: "phone-type" }, ...types));
  }

  /** A quick pick fills the next action, proposes a due date and becomes a follow-up step on save. */
  function initQuickPicks() {
    const chips = $$(".chip[data-kind]");
    const action = $("#f-next_action");
    const due = $("#f-follow_up_due");
    const kind = $("#f-follow_up_kind");
    // Coming back to a saved card: show its pick (a new step is only added when one is tapped).
    const saved = chips.find((c) => c.textContent.trim() === action.value.trim());
    if (saved) saved.setAttribute("aria-pressed", "true");
    for (const chip of chips) {
      chip.addEventListener("click", () => {
        const wasOn = chip.getAttribute("aria-pressed") === "true";
        const previous = chips.find((c) => c.getAttribute("aria-pressed") === "true");
        for (const c of chips) c.setAttribute("aria-pressed", "false");
        const chipTexts = chips.map((c) => c.textContent.trim());
        if (wasOn) {
          kind.value = "";
          if (chipTexts.includes(action.value.trim())) action.value = "";
          return;
        }
        chip.setAttribute("aria-pressed", "true");
        kind.value = chip.dataset.kind;
        if (!action.value.trim() || chipTexts.includes(action.value.trim())) action.value = chip.textContent.trim();
        if (!due.value || (previous && due.value === daysFromToday(Number(previous.dataset.days)))) {
          due.value = daysFromToday(Number(chip.dataset.days));
        }
      });
    }
  }

  /** Where and when: from the event of this encounter (or the one in use), else today. */
  async function prefillNotes(contact) {
    const where = $("#f-where_met");
    const when = $("#f-met_on");
    if (where.value && when.value) return;
    const encounter = (contact.encounters || []).slice().sort((a, b) => a.id - b.id).pop();
    const eventId = encounter ? encounter.event_id : localStorage.getItem(EVENT_KEY);
    const event = await fetchEvent(eventId);
    if (!where.value && event) where.value = [event.name, event.place].filter(Boolean).join(", ");
    if (!when.value) when.value = (event && event.held_on) || today();
  }

  const valueOf = (form, name) => {
    const field = form.elements.namedItem(name);
    const value = field && "value" in field ? field.value.trim() : "";
    return value || null;
  };

  function reviewBody(form) {
    const emails = $$('input[name="emails"]', form).map((i) => i.value.trim()).filter(Boolean);
    const phones = $$('input[name="phone-number"]', form)
      .map((input) => ({ number: input.value.trim(), type: input.closest("li").querySelector("select").value }))
      .filter((p) => p.number);
    const social = ($("#f-social").value || "").split("\n").map((s) => s.trim()).filter(Boolean);
    const body = { emails, phones, social };
    for (const name of ["name", "title", "company", "website", "address", "where_met", "met_on", "topic",
      "next_action", "follow_up_due", "introduced_by"]) {
      body[name] = valueOf(form, name);
    }
    return body;
  }

  async function saveReview(form, contact, then) {
    showError(form, null);
    try {
      await api("PATCH", `/api/contacts/${contact.id}`, reviewBody(form));
      await addQuickPickStep(form, contact);
    } catch (error) {
      showError(form, error);
      return;
    }
    sessionStorage.removeItem(scanKey(contact.id));
    flash("Saved");
    location.href = then === "scan" ? "/scan" : `/contacts/${contact.id}`;
  }

  async function addQuickPickStep(form, contact) {
    const kind = $("#f-follow_up_kind").value;
    if (!kind) return;
    const open = (contact.follow_ups || []).some((s) => s.kind === kind && !s.done_on);
    if (open) return; // the same step is already waiting: don't add it twice
    const body = { kind, due_on: valueOf(form, "follow_up_due"), note: valueOf(form, "next_action") };
    await api("POST", `/api/contacts/${contact.id}/follow-ups`, body);
  }

  // ------------------------------------------------------------ contact
  function initContact() {
    for (const box of $$("input[data-step-id]")) {
      box.addEventListener("change", () => tickStep(box, box.closest("li")));
    }
    postFormThenReload($("#step-form"), (form) => ({
      kind: form.kind.value, due_on: form.due_on.value || null, note: form.note.value.trim() || null,
    }), (id) => `/api/contacts/${id}/follow-ups`, "Step added");
    postFormThenReload($("#encounter-form"), (form) => ({
      where_met: form.where_met.value.trim() || null, met_on: form.met_on.value || null,
      topic: form.topic.value.trim() || null, next_action: form.next_action.value.trim() || null,
    }), (id) => `/api/contacts/${id}/encounters`, "Encounter added");
    offerUndoMerge();
    const del = $("#delete-contact");
    del.addEventListener("click", () => {
      if (!window.confirm("Delete this contact, its card images and notes?")) return;
      busy(del, async () => {
        try {
          await api("DELETE", `/api/contacts/${Number(del.dataset.contactId)}`);
          flash("Contact deleted");
          location.href = "/contacts";
        } catch (error) {
          toast(error.message);
        }
      });
    });
  }

  /** Right after a merge from Review, and on a merged contact's own page: one tap undoes it. */
  function offerUndoMerge() {
    let button = $("#unmerge");
    const recent = JSON.parse(sessionStorage.getItem(UNDO_KEY) || "null");
    const here = Number($("#delete-contact").dataset.contactId);
    if (!button && recent && recent.target === here) {
      button = el("button", { type: "button", class: "secondary", id: "unmerge", "data-contact-id": recent.source,
        text: "Undo the merge" });
      $("#main").prepend(el("div", { class: "notice", role: "status" },
        el("p", { text: "The card you just scanned is now part of this contact." }), button));
    }
    if (!button) return;
    button.addEventListener("click", () => busy(button, async () => {
      const source = Number(button.dataset.contactId);
      try {
        await api("POST", `/api/contacts/${source}/unmerge`);
      } catch (error) {
        toast(error.message);
        return;
      }
      sessionStorage.removeItem(UNDO_KEY);
      flash("Merge undone");
      location.href = `/contacts/${source}`;
    }));
  }

  function postFormThenReload(form, bodyOf, urlOf, message) {
    if (!form) return;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      busy(event.submitter, async () => {
        try {
          await api("POST", urlOf(Number(form.dataset.contactId)), bodyOf(form));
          flash(message);
          location.reload();
        } catch (error) {
          toast(error.message);
        }
      });
    });
  }

  /** Tick (or untick) a follow-up step: done today. */
  async function tickStep(box, item) {
    const done = box.checked;
    box.disabled = true;
    try {
      const step = await api("PATCH", `/api/follow-ups/${Number(box.dataset.stepId)}`, { done_on: done ? today() : null });
      if (box.dataset.linkedEncounter) await markCardAction(box.dataset.linkedEncounter, done);
      if (item) {
        item.classList.toggle("done", done);
        const when = $(".step-when", item);
        if (when) when.textContent = done ? `done ${step.done_on || today()}` : step.due_on ? `due ${step.due_on}` : "";
      }
      toast(done ? "Marked done" : "Marked not done");
    } catch (error) {
      box.checked = !done;
      toast(error.message);
    } finally {
      box.disabled = false;
    }
  }

  // ------------------------------------------------------------ contacts (search as you type)
  function filterParams(form, only) {
    const params = new URLSearchParams();
    for (const name of ["q", "event_id", "follow_up"]) {
      if (only && !only.includes(name)) continue;
      const value = valueOf(form, name);
      if (value) params.set(name, value);
    }
    return params;
  }

  function applyUrlFilters(form) {
    const url = new URLSearchParams(location.search);
    for (const name of ["q", "event_id", "follow_up"]) {
      const field = form.elements.namedItem(name);
      if (field && url.get(name)) field.value = url.get(name);
    }
    return url.get("event_id");
  }

  function initContacts() {
    const form = $("#contacts-filter");
    const wantedEvent = applyUrlFilters(form);
    let timer = 0;
    let sequence = 0;
    const search = async () => {
      const mine = ++sequence;
      const params = filterParams(form);
      history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
      $("#export-filtered").href = `/export${params.toString() ? `?${params}` : ""}`;
      params.set("limit", "50");
      try {
        const answer = await api("GET", `/api/contacts?${params}`);
        if (mine === sequence) renderContacts(answer);
      } catch (error) {
        if (mine !== sequence) return;
        $("#result-count").textContent = `Search failed: ${error.message}`;
        $("#contact-list").replaceChildren(); // never leave results that do not match the search
      }
    };
    form.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    form.addEventListener("change", search);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      search();
    });
    loadEvents($("#filter-event"), wantedEvent).then(search);
  }

  function renderContacts(answer) {
    const contacts = asList(answer).slice().sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
    const total = answer && typeof answer.count === "number" ? answer.count : contacts.length;
    $("#result-count").textContent = total === 0 ? "No contacts match." : `${total} contact${total === 1 ? "" : "s"}`;
    $("#contact-list").replaceChildren(...contacts.map(contactItem));
  }

  function contactItem(contact) {
    const role = [contact.title, contact.company].filter(Boolean).join(" · ");
    const met = [contact.met_on, contact.where_met].filter(Boolean).join(" · ");
    const due = contact.follow_up_due && !contact.follow_up_done ? `follow up by ${contact.follow_up_due}` : "";
    return el("li", {}, el("a", { href: `/contacts/${Number(contact.id)}` },
      el("span", { class: "title", text: contact.name || (contact.emails || [])[0] || "Unnamed contact" }),
      role ? el("span", { class: "sub", text: role }) : null,
      met || due ? el("span", { class: "meta", text: [met, due].filter(Boolean).join(" — ") }) : null));
  }

  // ------------------------------------------------------------ follow-ups
  function initFollowups() {
    const form = $("#followups-filter");
    const select = $("#filter-event");
    const wanted = new URLSearchParams(location.search).get("event_id");
    const load = () => {
      const params = filterParams(form, ["event_id"]);
      history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
      $("#ics-link").href = `/api/follow-ups.ics${params.toString() ? `?${params}` : ""}`;
      loadFollowups(params);
    };
    select.addEventListener("change", load);
    form.addEventListener("submit", (event) => event.preventDefault());
    loadEvents(select, wanted).then(load);
  }

  const itemKey = (item) => `${item.contact_id}|${item.due_on}`;

  /** A quick pick on Review writes the card's next action AND a step with the same due day:
   *  list the step once, and tick the card's next action along with it. */
  function mergeCardActions(items) {
    const steps = new Map(items.filter((i) => i.source === "step").map((i) => [itemKey(i), i]));
    const shown = [];
    for (const item of items) {
      const step = item.source === "encounter" ? steps.get(itemKey(item)) : null;
      if (step) step.linkedEncounter = item.id;
      else shown.push(item);
    }
    return shown;
  }

  async function loadFollowups(params) {
    params.set("status", "all"); // overdue, today and what comes next: soonest first
    let items;
    try {
      items = mergeCardActions(asList(await api("GET", `/api/follow-ups?${params}`)));
    } catch (error) {
      $("#result-count").textContent = error.message;
      return;
    }
    items.sort((a, b) => String(a.due_on).localeCompare(String(b.due_on)));
    const now = today();
    const overdue = items.filter((i) => i.due_on < now);
    const coming = items.filter((i) => i.due_on >= now);
    $("#result-count").textContent = items.length ? "" : "Nothing to follow up. Scan a card to start.";
    $("#overdue-list").replaceChildren(...overdue.map((i) => dueItem(i, now)));
    $("#due-list").replaceChildren(...coming.map((i) => dueItem(i, now)));
    $("#overdue-section").hidden = overdue.length === 0;
    $("#due-section").hidden = coming.length === 0;
  }

  function dueText(due, now) {
    if (due < now) return `overdue since ${due}`;
    if (due === now) return "due today";
    return `due ${due}`;
  }

  function dueItem(item, now) {
    const id = `fu-${item.source}-${Number(item.id)}`;
    const name = item.contact_name || "Unnamed contact";
    const what = [item.title, item.note && item.note !== item.title ? item.note : null].filter(Boolean).join(" — ");
    const box = el("input", { type: "checkbox", id });
    const row = el("li", {}, el("div", { class: "item row" },
      box,
      el("label", { for: id, class: "visually-hidden", text: `Done: ${item.title}, ${name}` }),
      el("a", { href: `/contacts/${Number(item.contact_id)}` },
        el("span", { class: "title", text: name }),
        el("span", { class: "sub", text: [what, item.company].filter(Boolean).join(" · ") }),
        el("span", { class: `meta due-tag${item.due_on < now ? " overdue" : ""}`, text: dueText(item.due_on, now) }))));
    box.addEventListener("change", () => tickDueItem(box, row, item));
    return row;
  }

  async function tickDueItem(box, row, item) {
    const done = box.checked;
    box.disabled = true;
    try {
      if (item.source === "step") {
        await api("PATCH", `/api/follow-ups/${Number(item.id)}`, { done_on: done ? today() : null });
        if (item.linkedEncounter) await markCardAction(item.linkedEncounter, done);
      } else {
        await markCardAction(item.id, done);
      }
      row.classList.toggle("done", done);
      toast(done ? "Marked done" : "Marked not done");
    } catch (error) {
      box.checked = !done;
      toast(error.message);
    } finally {
      box.disabled = false;
    }
  }

  const markCardAction = (encounterId, done) =>
    api("PATCH", `/api/encounters/${Number(encounterId)}`, { follow_up_done: done });

  // ------------------------------------------------------------ export
  function initExport() {
    const form = $("#export-filter");
    const wanted = applyUrlFilters(form);
    const update = () => {
      for (const link of $$("a[data-export]")) {
        const only = link.dataset.filters ? link.dataset.filters.split(",") : null;
        const [path, query] = link.dataset.export.split("?");
        const params = new URLSearchParams(query || "");
        for (const [key, value] of filterParams(form, only)) params.set(key, value);
        link.href = params.toString() ? `${path}?${params}` : path;
      }
    };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", (event) => event.preventDefault());
    loadEvents($("#filter-event"), wanted).then(update);
  }

  // ------------------------------------------------------------ settings
  function initSettings() {
    loadTokens();
    const form = $("#token-form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const input = $("#token-name");
      const name = input.value.trim();
      if (!name) return input.focus();
      busy(event.submitter, async () => {
        try {
          const created = await api("POST", "/api/tokens", { name });
          $("#token-secret").value = created.token;
          $("#token-created").hidden = false;
          $("#token-secret").select();
          form.reset();
          loadTokens();
        } catch (error) {
          toast(error.message);
        }
      });
    });
    $("#feed-create").addEventListener("click", (event) => busy(event.currentTarget, async () => {
      try {
        const created = await api("POST", "/api/tokens", { name: "calendar feed", scope: "calendar" });
        $("#token-feed").value = `${location.origin}/api/follow-ups.ics?token=${encodeURIComponent(created.token)}`;
        $("#feed-created").hidden = false;
        $("#token-feed").select();
        loadTokens();
      } catch (error) {
        toast(error.message);
      }
    }));
    $("#token-copy").addEventListener("click", async () => {
      const secret = $("#token-secret");
      try {
        await navigator.clipboard.writeText(secret.value);
        toast("Copied");
      } catch (error) {
        secret.select(); // clipboard API needs HTTPS: leave it selected for a manual copy
        toast("Selected: copy it with your keyboard or long-press");
      }
    });
    $("#logout").addEventListener("click", () => busy($("#logout"), async () => {
      try {
        await api("POST", "/api/auth/logout");
      } finally {
        location.href = "/login";
      }
    }));
    initDeleteAccount();
  }

  async function loadTokens() {
    const list = $("#token-list");
    let tokens = [];
    try {
      tokens = asList(await api("GET", "/api/tokens"));
    } catch (error) {
      list.replaceChildren(el("li", { class: "empty", text: error.message }));
      return;
    }
    if (!tokens.length) return list.replaceChildren(el("li", { class: "empty", text: "No tokens yet." }));
    list.replaceChildren(...tokens.map(tokenItem));
  }

  function tokenItem(token) {
    const used = token.last_used_at ? `last used ${token.last_used_at.slice(0, 10)}` : "never used";
    const state = token.revoked_at ? `revoked ${token.revoked_at.slice(0, 10)}` : used;
    const scope = token.scope === "calendar" ? "calendar feed only · " : "";
    const revoke = token.revoked_at ? null : el("button", {
      type: "button", class: "danger", text: "Revoke", "aria-label": `Revoke token ${token.name}`,
      onclick: (event) => busy(event.currentTarget, async () => {
        try {
          await api("DELETE", `/api/tokens/${Number(token.id)}`);
          toast("Token revoked");
          loadTokens();
        } catch (error) {
          toast(error.message);
        }
      }),
    });
    return el("li", {}, el("div", { class: "item row" },
      el("div", { class: "grow" },
        el("span", { class: "title", text: token.name || "(no name)" }),
        el("span", { class: "meta", text: `${scope}created ${String(token.created_at).slice(0, 10)} · ${state}` })),
      revoke));
  }

  function initDeleteAccount() {
    const form = $("#delete-account");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const input = $("#confirm-email");
      if (input.value.trim().toLowerCase() !== input.dataset.expected.toLowerCase()) {
        toast("Type your email exactly to confirm");
        return input.focus();
      }
      busy(event.submitter, async () => {
        try {
          await api("DELETE", "/api/me");
          location.href = "/login";
        } catch (error) {
          toast(error.message);
        }
      });
    });
  }

  // ------------------------------------------------------------ start
  const PAGES = {
    setup: initSetup, login: initLogin, scan: initScan, review: initReview, contact: initContact,
    contacts: initContacts, followups: initFollowups, export: initExport, settings: initSettings,
  };

  document.addEventListener("DOMContentLoaded", () => {
    const message = sessionStorage.getItem(FLASH_KEY);
    if (message) {
      sessionStorage.removeItem(FLASH_KEY);
      toast(message);
    }
    const init = PAGES[document.body.dataset.page];
    if (init) init();
  });
})();
