// Trafficking News Monitor: fold the long list of column descriptions on table pages
// into a "What the columns mean" toggle, so the rows, facets and map come first.
// Moves existing elements only: no HTML is built from data.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("dl.column-descriptions").forEach(function (dl) {
    var details = document.createElement("details");
    details.className = "column-descriptions-toggle";
    var summary = document.createElement("summary");
    summary.textContent = "What the columns mean";
    details.appendChild(summary);
    dl.parentNode.insertBefore(details, dl);
    details.appendChild(dl);
  });
});
