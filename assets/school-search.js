// Where JavaScript runs, the school search suggests schools as you type (GOV.UK's accessible
// autocomplete) and choosing one (Enter, a click or a tap) continues at once. Without it, the
// search form and the list of radio buttons below do the same job: this file only adds to them.
/* global accessibleAutocomplete */

/**
 * The autocomplete puts what its suggestion template returns into the page as HTML: every value
 * (a school's name from the register, the ?q= the page starts with) goes through this first.
 */
const escapeHtml = (value) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const search = document.querySelector('[data-app-school-search]');
const choice = document.querySelector('[data-app-school-choice]');
if (search && choice && typeof accessibleAutocomplete === 'function') {
  const input = search.querySelector('input[name="q"]');
  const source = search.getAttribute('data-source');
  // The field's own hint and error (govukInput's ids), which the enhanced input must keep.
  const ownDescriptions = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
  const hasError = input.classList.contains('govuk-input--error');
  const container = document.createElement('div');
  input.parentNode.insertBefore(container, input);
  const value = input.value;
  input.remove();
  let latest = 0;
  accessibleAutocomplete({
    element: container,
    id: 'q',
    name: 'q',
    defaultValue: value,
    minLength: 3,
    showNoOptionsFound: true,
    // Leaving the field (Tab, a click elsewhere) only leaves it: choosing is Enter, a click or a tap.
    confirmOnBlur: false,
    inputClasses: hasError ? 'govuk-input--error' : null,
    tNoResults: () => 'No open school matches. Try the URN or postcode',
    source: (query, populate) => {
      const ticket = ++latest;
      fetch(`${source}?q=${encodeURIComponent(query)}`, { headers: { accept: 'application/json' } })
        .then((response) => (response.ok ? response.json() : []))
        .then((schools) => {
          if (ticket === latest) populate(schools);
        })
        .catch(() => populate([]));
    },
    templates: {
      // The input's value is text (set as a property), never HTML.
      inputValue: (school) => (typeof school === 'string' ? school : school ? school.name : ''),
      suggestion: (school) =>
        typeof school === 'string'
          ? escapeHtml(school)
          : `${escapeHtml(school.name)} (URN ${escapeHtml(school.urn)}, ${escapeHtml(school.postcode)})`,
    },
    onConfirm: (school) => {
      if (!school || typeof school !== 'object') return;
      choice.querySelector('input[name="urn"]').value = String(school.urn);
      choice.submit();
    },
  });

  // The autocomplete sets aria-describedby to its own assistive hint (or nothing, once typing
  // starts) on every change: put the field's hint and error back in front whenever it does.
  const enhanced = container.querySelector('input#q');
  if (enhanced && ownDescriptions.length) {
    const keepDescriptions = () => {
      const current = (enhanced.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      const wanted = [...ownDescriptions, ...current.filter((id) => !ownDescriptions.includes(id))].join(' ');
      if (current.join(' ') !== wanted) enhanced.setAttribute('aria-describedby', wanted);
    };
    new MutationObserver(keepDescriptions).observe(enhanced, { attributes: true, attributeFilter: ['aria-describedby'] });
    keepDescriptions();
  }
}
