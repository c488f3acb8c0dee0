// Figures a reader can play ({{#frames CHAPTER EXAMPLE NAME Alt text}}, see
// book/builder/frames.rs). The builder writes plain HTML: the key frames side
// by side, each with its step and loss, which is what a reader without
// JavaScript, the print page and the PDF get. This script turns each such
// figure into a player: one frame at a time, a slider (arrow keys, Home and
// End work on it as on any range input), a play/pause button, a choice of the
// setting where there are several series (a learning rate), the step and
// loss beside the frame, read out as they change, and a line saying how to
// play it (the page's text does not: it must read right in print). Every
// frame is an <img>, loaded with the page and only made visible in turn, so
// that a frame change shows at once, offline and from file:// alike. Nothing is drawn here: the
// frames are the chapter's own SVGs.
(function () {
    'use strict';

    // The print page holds every chapter: it keeps the key frames and loads no others.
    if (/(^|\/)print\.html$/.test(window.location.pathname)) {
        return;
    }

    var PLAY_INTERVAL_MS = 600;

    function element(name, className, text) {
        var made = document.createElement(name);
        if (className) {
            made.className = className;
        }
        if (text !== undefined) {
            made.textContent = text;
        }
        return made;
    }

    function upgrade(figure) {
        var data;
        try {
            data = JSON.parse(figure.getAttribute('data-frames'));
        } catch (e) {
            return; // the key frames stay, as without JavaScript
        }
        if (!data || !data.series || !data.series.length || !data.series[0].frames.length) {
            return;
        }
        var count = data.series[0].frames.length;
        var series = Math.min(data.start || 0, data.series.length - 1);
        var index = 0;
        var timer = null;

        var player = element('div', 'frames-player');
        var stage = element('div', 'frames-stage');
        // One <img> per frame of every series, all loaded now; only one is visible.
        var images = data.series.map(function (one) {
            return one.frames.map(function (frame) {
                var img = element('img');
                img.src = frame.src;
                img.alt = data.alt + ' (' + (data.series.length > 1 ? one.label + ', ' : '') + frame.step + ': ' + frame.loss + ')';
                img.decoding = 'sync';
                stage.appendChild(img);
                return img;
            });
        });

        var controls = element('div', 'frames-controls');
        var select = null;
        if (data.series.length > 1) {
            var choice = element('label', 'frames-setting');
            choice.appendChild(element('span', 'frames-setting-name', data.setting));
            select = element('select');
            data.series.forEach(function (one, at) {
                var option = element('option', '', one.name);
                option.value = String(at);
                select.appendChild(option);
            });
            choice.appendChild(select);
            controls.appendChild(choice);
        }

        var readout = element('p', 'frames-readout');
        readout.setAttribute('aria-live', 'polite');
        readout.setAttribute('aria-atomic', 'true');
        var step = element('span', 'frames-step');
        var loss = element('span', 'frames-loss');
        readout.appendChild(step);
        readout.appendChild(loss);
        controls.appendChild(readout);

        var scrub = element('div', 'frames-scrub');
        var play = element('button', 'frames-play');
        play.type = 'button';
        var slider = element('input', 'frames-slider');
        slider.type = 'range';
        slider.min = '0';
        slider.max = String(count - 1);
        slider.step = '1';
        slider.setAttribute('aria-label', 'Frame of the figure: ' + data.alt);
        scrub.appendChild(play);
        scrub.appendChild(slider);
        controls.appendChild(scrub);

        // How to play it, written here and not on the page: without
        // JavaScript and in print there is no slider to move.
        var hint = 'Move the slider (or focus it and use the arrow keys) or press Play';
        controls.appendChild(element('p', 'frames-hint',
            hint + (data.series.length > 1 ? ', and pick a ' + data.setting + '.' : '.')));

        player.appendChild(stage);
        player.appendChild(controls);
        figure.insertBefore(player, figure.firstChild);

        function show() {
            var frame = data.series[series].frames[index];
            var current = stage.querySelector('img.frames-current');
            var next = images[series][index];
            if (current !== next) {
                if (current) {
                    current.classList.remove('frames-current');
                }
                next.classList.add('frames-current');
            }
            slider.value = String(index);
            var text = frame.step + ', ' + frame.loss;
            slider.setAttribute('aria-valuetext', data.series.length > 1 ? data.series[series].label + ', ' + text : text);
            step.textContent = frame.step;
            loss.textContent = frame.loss;
            if (select) {
                select.value = String(series);
            }
        }

        function setPlaying(on) {
            if (timer !== null) {
                window.clearInterval(timer);
                timer = null;
            }
            if (on) {
                if (index === count - 1) {
                    index = 0;
                    show();
                }
                timer = window.setInterval(function () {
                    if (index >= count - 1) {
                        setPlaying(false);
                        return;
                    }
                    index += 1;
                    show();
                }, PLAY_INTERVAL_MS);
            }
            play.textContent = on ? 'Pause' : 'Play';
            play.setAttribute('aria-label', (on ? 'Pause' : 'Play') + ' the frames of the figure');
            play.setAttribute('aria-pressed', on ? 'true' : 'false');
            // While it plays, the readout would talk over everything: the slider says it instead.
            readout.setAttribute('aria-live', on ? 'off' : 'polite');
        }

        slider.addEventListener('input', function () {
            setPlaying(false);
            index = Number(slider.value);
            show();
        });
        play.addEventListener('click', function () {
            setPlaying(timer === null);
        });
        if (select) {
            select.addEventListener('change', function () {
                series = Number(select.value);
                show();
            });
        }

        setPlaying(false);
        show();
        figure.classList.add('frames-ready');
    }

    document.querySelectorAll('figure.frames[data-frames]').forEach(upgrade);
})();
