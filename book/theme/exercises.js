// "I'm doing the exercises": a switch in the menu bar that folds the
// listings of the functions a chapter's exercise asks for, so that a learner
// can write theirs before seeing the book's. The builder marks those
// listings with <div class="exercise-listing" data-exercise="Type::name">
// (book/builder/exercises.rs); this script folds them into a <details> while
// the switch is on, and remembers the switch across pages (localStorage).
// Switch off: the listings show, and a line before the first of them says
// what it gives away and offers to fold them. No JavaScript: the pages look
// as they always did.
(function () {
    'use strict';

    var KEY = 'nn-book-doing-exercises';
    var html = document.documentElement;

    function remembered() {
        try {
            return localStorage.getItem(KEY) === 'on';
        } catch (e) {
            return false;
        }
    }

    function remember(on) {
        try {
            localStorage.setItem(KEY, on ? 'on' : 'off');
        } catch (e) {
            // Storage refused (a private window, say): the switch still works on this page.
        }
    }

    function code(text) {
        var element = document.createElement('code');
        element.textContent = text;
        return element;
    }

    // "Your exercise: `A::b` and `A::c` — the book's versions, folded so you can write yours first"
    function summary(listing) {
        var names = (listing.getAttribute('data-exercise') || '').split(' ').filter(Boolean);
        var element = document.createElement('summary');
        element.appendChild(
            document.createTextNode(listing.hasAttribute('data-extension') ? 'Your extension: ' : 'Your exercise: '),
        );
        names.forEach(function (name, index) {
            if (index > 0) {
                element.appendChild(document.createTextNode(index === names.length - 1 ? ' and ' : ', '));
            }
            element.appendChild(code(name));
        });
        element.appendChild(
            document.createTextNode(
                names.length > 1
                    ? ' — the book\u2019s versions, folded so you can write yours first'
                    : ' — the book\u2019s version, folded so you can write yours first',
            ),
        );
        return element;
    }

    function fold(listing) {
        if (listing.querySelector(':scope > details.exercise-fold')) {
            return;
        }
        var details = document.createElement('details');
        details.className = 'exercise-fold';
        details.appendChild(summary(listing));
        while (listing.firstChild) {
            details.appendChild(listing.firstChild);
        }
        listing.appendChild(details);
    }

    function unfold(listing) {
        var details = listing.querySelector(':scope > details.exercise-fold');
        if (!details) {
            return;
        }
        details.removeChild(details.querySelector(':scope > summary'));
        while (details.firstChild) {
            listing.insertBefore(details.firstChild, details);
        }
        listing.removeChild(details);
    }

    var input = document.createElement('input');

    // Before the page's first marked listing, while the switch is off: what it
    // is, and a button that turns the switch on. A reader who reads the
    // chapter before its "Your turn" would otherwise meet the answers first.
    function notice() {
        var element = document.createElement('p');
        element.className = 'exercise-notice';
        element.appendChild(
            document.createTextNode(
                'Doing this chapter\u2019s exercise? Some listings below are the book\u2019s code for the ' +
                    'functions it asks you to write. ',
            ),
        );
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = 'Fold them (I\u2019m doing the exercises)';
        button.addEventListener('click', function () {
            remember(true);
            apply(true);
        });
        element.appendChild(button);
        return element;
    }

    function showNotice(on) {
        var shown = document.querySelector('.exercise-notice');
        var first = document.querySelector('.exercise-listing');
        if (on || !first) {
            if (shown) {
                shown.parentNode.removeChild(shown);
            }
        } else if (!shown) {
            // Above the listing's file name, outside the box the listing widens.
            var before = first.closest('.listing') || first;
            before.parentNode.insertBefore(notice(), before);
        }
    }

    function apply(on) {
        input.checked = on;
        html.classList.toggle('exercise-mode', on);
        document.querySelectorAll('.exercise-listing').forEach(on ? fold : unfold);
        showNotice(on);
        // Until now a stylesheet hid the listings of a reader who had the switch on
        // (set in head.hbs, before the page was drawn), so that they never flash open.
        html.classList.add('exercise-ready');
    }

    // The switch: a labelled checkbox with the switch role, so that it takes the
    // keyboard's focus and Space like any checkbox and is read out as on or off.
    var label = document.createElement('label');
    label.className = 'exercise-switch';
    label.title = 'Fold the book\u2019s code for the functions the exercises ask you to write';
    input.type = 'checkbox';
    input.id = 'exercise-switch';
    input.setAttribute('role', 'switch');
    var text = document.createElement('span');
    text.className = 'exercise-switch-text';
    text.textContent = 'I\u2019m doing the exercises';
    label.appendChild(input);
    label.appendChild(text);
    input.addEventListener('change', function () {
        remember(input.checked);
        apply(input.checked);
    });
    var bar = document.querySelector('#mdbook-menu-bar .right-buttons');
    if (bar) {
        bar.insertBefore(label, bar.firstChild);
    }

    // Another tab of the book turned the switch: follow it.
    window.addEventListener('storage', function (event) {
        if (event.key === KEY) {
            apply(remembered());
        }
    });

    apply(remembered());
})();
