// Keeps the page's #live section current: the bot sends a "change" event after each commit that added timeline entries,
// and the page then fetches itself again and swaps that section in, without a reload.
'use strict';

(() => {
    const live = () => document.getElementById('live');
    if (!live() || !window.EventSource) {
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
            const response = await fetch(location.href, { headers: { Accept: 'text/html' } });
            if (response.ok) {
                const page = new DOMParser().parseFromString(await response.text(), 'text/html');
                const fresh = page.getElementById('live');
                if (fresh) {
                    live().replaceWith(document.adoptNode(fresh));
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
