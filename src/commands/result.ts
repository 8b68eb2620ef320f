// The result dialog shows the text it was opened with, as text.
const text = new URL(window.location.href).searchParams.get("text") ?? "";
const p = document.getElementById("text");
if (p) {
  for (const [i, line] of text.split("\n").entries()) {
    if (i > 0) p.appendChild(document.createElement("br"));
    p.appendChild(document.createTextNode(line));
  }
}
