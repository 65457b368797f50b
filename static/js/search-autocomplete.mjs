// Suggestions for the search box (an ARIA combobox with a listbox of titles and themes).
// Progressive enhancement: without this script the box is a plain search field.
// Text from the server is only ever set as textContent, never parsed as markup.

const MIN_CHARS = 2;
const DELAY_MS = 200;

function isLocal(url) {
  return typeof url === "string" && url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\");
}

function setUp(input) {
  const endpoint = input.dataset.autocomplete;
  const wrapper = input.closest(".app-autocomplete") || input.parentElement;
  const list = document.createElement("ul");
  list.id = `${input.id}-suggestions`;
  list.className = "app-autocomplete__menu";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggestions");
  list.hidden = true;
  const status = document.createElement("div");
  status.className = "govuk-visually-hidden";
  status.setAttribute("role", "status");
  wrapper.append(list, status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("autocomplete", "off");

  let suggestions = [];
  let active = -1;
  let timer = null;
  let controller = null;
  let lastText = input.value.trim();

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const options = list.querySelectorAll("[role=option]");
    options.forEach((option, n) => option.setAttribute("aria-selected", n === index ? "true" : "false"));
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function go(index) {
    const suggestion = suggestions[index];
    if (suggestion && isLocal(suggestion.url)) {
      window.location.assign(suggestion.url);
    }
  }

  function show(items) {
    suggestions = items.filter((item) => isLocal(item.url));
    list.replaceChildren();
    suggestions.forEach((item, n) => {
      const option = document.createElement("li");
      option.id = `${list.id}-${n}`;
      option.className = "app-autocomplete__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = item.label;
      const kind = document.createElement("span");
      kind.className = "app-autocomplete__kind";
      kind.textContent = item.kind;
      option.append(" ", kind);
      // Keep focus in the box when an option is pressed.
      option.addEventListener("mousedown", (event) => event.preventDefault());
      option.addEventListener("click", () => go(n));
      list.append(option);
    });
    active = -1;
    if (suggestions.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = `${suggestions.length} suggestion${suggestions.length === 1 ? "" : "s"}: use the up and down arrow keys to choose one, and Enter to open it.`;
    } else {
      close();
      status.textContent = "";
    }
  }

  async function fetchSuggestions(text) {
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`${endpoint}?${new URLSearchParams({ q: text })}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      });
      if (!response.ok) return;
      const data = await response.json();
      if (input.value.trim() === text && document.activeElement === input) {
        show(Array.isArray(data.suggestions) ? data.suggestions : []);
      }
    } catch (error) {
      if (error.name !== "AbortError") close();
    }
  }

  input.addEventListener("input", () => {
    const text = input.value.trim();
    if (text === lastText) return;
    lastText = text;
    clearTimeout(timer);
    if (text.length < MIN_CHARS) {
      show([]);
      return;
    }
    timer = setTimeout(() => fetchSuggestions(text), DELAY_MS);
  });

  input.addEventListener("keydown", (event) => {
    const open = !list.hidden && suggestions.length > 0;
    if (event.key === "ArrowDown") {
      if (!suggestions.length) return;
      event.preventDefault();
      if (!open) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      highlight(active + 1 >= suggestions.length ? 0 : active + 1);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active <= 0 ? suggestions.length - 1 : active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      go(active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });

  input.addEventListener("blur", close);
}

document.querySelectorAll("input[data-autocomplete]").forEach(setUp);
