'use strict';
// Gives Django admin's select2 autocomplete fields the accessible name of their label.
// select2 labels its combobox only by the selected value, which is empty for an empty
// field (axe: aria-input-field-name). Runs on "load", after admin/js/autocomplete.js has set
// them up on DOMContentLoaded, whatever order the admin's media puts the scripts in.
{
    function navngi(select) {
        const etikett = document.querySelector(`label[for="${select.id}"]`);
        const container = select.nextElementSibling;
        if (!etikett || !container || !container.classList.contains('select2')) {
            return;
        }
        etikett.id = etikett.id || `${select.id}_etikett`;
        const valgt = container.querySelector('.select2-selection__rendered');
        const boks = container.querySelector('.select2-selection');
        if (boks) {
            boks.setAttribute('aria-labelledby', valgt ? `${etikett.id} ${valgt.id}` : etikett.id);
        }
        if (valgt) {
            valgt.setAttribute('aria-labelledby', etikett.id);
        }
    }

    // jQuery 3 runs its ready handlers (and so select2's set-up) in a later task.
    window.addEventListener('load', () => {
        window.setTimeout(() => document.querySelectorAll('select.admin-autocomplete').forEach(navngi), 0);
    });
}
