"use strict";
(() => {
  const conversation = document.getElementById("conversation");
  const person = document.getElementById("person");
  const composer = document.getElementById("composer");
  const text = document.getElementById("text");
  const send = document.getElementById("send");
  // The browser's own zone, so the bot shows times as this person reads them.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || null;

  // One message in the conversation; returns the element its content goes into.
  function addMessage(kind, who) {
    const message = document.createElement("div");
    message.className = "message " + kind;
    if (who) {
      const label = document.createElement("div");
      label.className = "who";
      label.textContent = who;
      message.append(label);
    }
    const body = document.createElement("div");
    body.className = "body";
    message.append(body);
    conversation.append(message);
    message.scrollIntoView({ block: "end" });
    return body;
  }

  function showProblem(body, problem) {
    body.className = "body problem";
    body.textContent = problem;
    body.parentElement.scrollIntoView({ block: "end" });
  }

  function personName() {
    return person.selectedOptions.length ? person.selectedOptions[0].textContent : person.value;
  }

  // The answer, or an Error whose message says what went wrong in words a person can act on.
  async function post(path, payload) {
    let response;
    try {
      response = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload),
      });
    } catch (failure) {
      throw new Error("Could not reach NumbersBot (" + failure.message + "). Is it still running?");
    }
    const answer = await response.text();
    if (!response.ok) {
      const plain = (response.headers.get("Content-Type") || "").startsWith("text/plain");
      throw new Error("NumbersBot answered " + response.status + " " + response.statusText + ": " +
        (plain && answer ? answer : "something went wrong on the server; its log says what."));
    }
    let reply;
    try {
      reply = JSON.parse(answer);
    } catch {
      throw new Error("NumbersBot's answer was not JSON.");
    }
    if (!reply || typeof reply.card !== "object" || reply.card === null) {
      throw new Error("NumbersBot's answer had no card.");
    }
    return reply;
  }

  function render(card, body) {
    const adaptiveCard = new AdaptiveCards.AdaptiveCard();
    adaptiveCard.onExecuteAction = action => execute(action, body);
    adaptiveCard.parse(card);
    const element = adaptiveCard.render();
    if (!element) throw new Error("The Adaptive Cards renderer drew nothing for this card.");
    body.className = "body card";
    body.replaceChildren(element);
    pressOnEnter(element);
  }

  // Enter in a one-line box that shares its row with one button (Find) presses it, as people expect of a search box.
  function pressOnEnter(card) {
    for (const box of card.querySelectorAll("input[type=text]")) {
      const buttons = box.closest(".ac-columnSet")?.querySelectorAll("button") ?? [];
      if (buttons.length !== 1) continue;
      box.addEventListener("keydown", event => {
        if (event.key !== "Enter" || event.isComposing) return;
        event.preventDefault();
        buttons[0].click();
      });
    }
  }

  function show(reply, body) {
    try {
      render(reply.card, body);
    } catch (failure) {
      showProblem(body, "This card could not be shown: " + failure.message);
    }
  }

  // Toggle visibility and show card stay inside the renderer; the rest goes to the bot.
  async function execute(action, body) {
    if (action instanceof AdaptiveCards.OpenUrlAction) {
      window.open(action.url, "_blank", "noopener");
      return;
    }
    if (!(action instanceof AdaptiveCards.SubmitActionBase)) return;
    const data = action.data && typeof action.data === "object" ? { ...action.data } : {};
    let verb = action instanceof AdaptiveCards.ExecuteAction ? action.verb : undefined;
    if (verb === undefined) {
      // Action.Submit, the fallback for older hosts, carries its verb inside the data.
      verb = data.verb;
      delete data.verb;
    }
    const message = body.parentElement;
    message.classList.add("busy");
    try {
      const reply = await answered("/api/local/actions", { user: person.value, verb, data, timeZone }, body);
      const target = reply.replacesCard ? body : addMessage("bot", "NumbersBot");
      show(reply, target);
      if (reply.watch) watch(reply.watch, target);
    } catch (problem) {
      showProblem(addMessage("bot", "NumbersBot"), problem.message);
    } finally {
      message.classList.remove("busy");
    }
  }

  // A card other people's decisions change (a request awaiting approval) takes each edit in place.
  async function watch(id, body) {
    let shown = "";
    for (let waited = 0; waited < 7200000 && body.isConnected; waited += 3000) {
      await new Promise(resolve => setTimeout(resolve, 3000));
      try {
        const response = await fetch("/api/local/replies/" + encodeURIComponent(id));
        if (response.status !== 200) continue;
        const text = await response.text();
        if (text !== shown) show(JSON.parse(text), body);
        shown = text;
      } catch (failure) {
        // a blip: ask again next time
      }
    }
  }

  // The bot's answer to a line or a click; slow work (a click, or `test <number>`) shows its progress card in `body`
  // until the result comes to take its place.
  async function answered(path, payload, body) {
    const reply = await post(path, payload);
    if (!reply.pending) return reply;
    show(reply, body);
    return await finished(reply.pending);
  }

  async function finished(id) {
    for (let waited = 0; waited < 120000; waited += 500) {
      await new Promise(resolve => setTimeout(resolve, 500));
      let response;
      try {
        response = await fetch("/api/local/replies/" + encodeURIComponent(id));
      } catch (failure) {
        continue; // a blip: keep asking until the deadline
      }
      if (response.status === 200) return await response.json();
      if (response.status !== 204) throw new Error("NumbersBot answered " + response.status + " while finishing this request.");
    }
    throw new Error("NumbersBot is still working on this after two minutes; ask for `numbers` to see where it stands.");
  }

  async function say(line) {
    addMessage("user", personName()).textContent = line;
    const body = addMessage("bot", "NumbersBot");
    body.classList.add("pending");
    body.textContent = "…";
    try {
      show(await answered("/api/local/messages", { user: person.value, text: line, timeZone }, body), body);
    } catch (problem) {
      showProblem(body, problem.message);
    }
    body.parentElement.scrollIntoView({ block: "end" });
  }

  // The renderer leaves markdown to its host; cards use only **bold**, _italic_ and `code`.
  function markdown(source) {
    const escaped = source.replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
    return "<p>" + escaped
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,;:!?])/g, "$1<em>$2</em>")
      .replace(/\n/g, "<br>") + "</p>";
  }

  async function loadPeople() {
    const response = await fetch("/api/local/people");
    if (!response.ok) throw new Error("NumbersBot answered " + response.status + " " + response.statusText);
    const people = await response.json();
    if (people.length === 0) throw new Error("there are no local people: run in Development, or with Demo:Seed=true.");
    person.replaceChildren(...people.map(p => new Option(p.name, p.user)));
  }

  async function start() {
    if (typeof AdaptiveCards === "undefined") {
      const url = document.getElementById("adaptivecards-script").src;
      showProblem(addMessage("bot", "NumbersBot"), "The Adaptive Cards renderer did not load from " + url +
        ". Check the network, or leave LocalChat:AdaptiveCardsScriptUrl unset to use the copy NumbersBot serves itself.");
      return;
    }
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = (source, result) => {
      result.outputHtml = markdown(source);
      result.didProcess = true;
    };
    try {
      await loadPeople();
    } catch (problem) {
      showProblem(addMessage("bot", "NumbersBot"), "Could not list the local people: " + problem.message);
      return;
    }
    person.addEventListener("change", () => {
      addMessage("note").textContent = "You are now " + personName() + ".";
      text.focus();
    });
    composer.addEventListener("submit", event => {
      event.preventDefault();
      const line = text.value.trim();
      if (!line) return;
      text.value = "";
      say(line);
    });
    for (const control of [person, text, send]) control.disabled = false;
    document.body.dataset.ready = "true";
    text.focus();
  }

  start();
})();
