// Søknad om ny kanal: moves focus to the error summary so screen readers and keyboard users start there.
document.addEventListener("DOMContentLoaded", () => {
  const oppsummering = document.querySelector(".feiloppsummering");
  if (oppsummering) {
    oppsummering.setAttribute("tabindex", "-1");
    oppsummering.focus();
  }
});
