// The dashboard's first chart from the same published files: the network's ranking of the
// default indicator in its latest year (every member with a published value, highest first),
// with its title. Shared by the peer pages of the benchmark; each page draws it with its
// library and marks performance "first-chart" when the chart is drawn.
async function firstScreen() {
  const catalog = await (await fetch("../data/catalog.json")).json();
  const meta = catalog.indicators.find(i => i.id === "employment_industry_share");
  const file = await (await fetch("../data/" + meta.file)).json();
  const year = meta.years[meta.years.length - 1];
  const i = file.years.indexOf(year);
  const members = new Set(file.network);
  const name = Object.fromEntries(catalog.regions.map(r => [r.code, r.name]));
  const bars = file.series
    .filter(s => members.has(s.region) && s.status[i] === "o")
    .map(s => ({ label: name[s.region], value: s.values[i] }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, "sv"));
  return { title: meta.title.sv + " " + year, bars };
}
