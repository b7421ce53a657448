// Where JavaScript runs, the school search suggests schools as you type (GOV.UK's accessible
// autocomplete) and choosing one continues at once. Without it, the search form and the list
// of radio buttons below do the same job: this file only adds to them.
/* global accessibleAutocomplete */
const search = document.querySelector('[data-app-school-search]');
const choice = document.querySelector('[data-app-school-choice]');
if (search && choice && typeof accessibleAutocomplete === 'function') {
  const input = search.querySelector('input[name="q"]');
  const source = search.getAttribute('data-source');
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
      inputValue: (school) => (school ? school.name : ''),
      suggestion: (school) =>
        typeof school === 'string' ? school : `${school.name} (URN ${school.urn}, ${school.postcode})`,
    },
    onConfirm: (school) => {
      if (!school || typeof school !== 'object') return;
      choice.querySelector('input[name="urn"]').value = String(school.urn);
      choice.submit();
    },
  });
}
