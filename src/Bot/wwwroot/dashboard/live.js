// Keeps the page's live sections (section.live, each with its id) current: the bot sends a "change" event after each commit
// that added timeline entries, and the page then fetches itself again and swaps those sections in, without a reload. What is
// outside them (filters, forms being filled in) stays as it is. The fetch says it is a refresh (X-Live-Refresh), so that it
// leaves the message a form's redirect carries (the flash) to the page the browser is loading.
'use strict';

(() => {
    const parts = () => document.querySelectorAll('section.live[id]');
    if (parts().length === 0 || !window.EventSource) {
        return;
    }
    let busy = false;
    let again = false;

    async function refresh() {
        if (busy) {
            again = true;
            return;
        }
        busy = true;
        try {
            const response = await fetch(location.href, { headers: { Accept: 'text/html', 'X-Live-Refresh': '1' } });
            if (response.ok) {
                const page = new DOMParser().parseFromString(await response.text(), 'text/html');
                for (const part of parts()) {
                    const fresh = page.getElementById(part.id);
                    if (fresh) {
                        part.replaceWith(document.adoptNode(fresh));
                    }
                }
            }
        } finally {
            busy = false;
            if (again) {
                again = false;
                refresh();
            }
        }
    }

    const changes = new EventSource('/dashboard/changes');
    changes.addEventListener('ready', () => { document.body.dataset.live = 'ready'; });
    changes.addEventListener('change', refresh);
})();
