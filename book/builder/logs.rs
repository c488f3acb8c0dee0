//! mdBook reports many real problems only as log lines and still succeeds
//! (a missing include file, a misspelt config key, an unclosed HTML tag).
//! This collector captures every WARN and ERROR event logged during a build
//! so that the build can fail on them.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer};

/// The problems mdBook logged, in order.
#[derive(Clone, Default)]
pub struct Collected(Arc<Mutex<Vec<String>>>);

impl Collected {
    /// Take the collected messages, leaving none.
    #[must_use]
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().expect("log collector poisoned"))
    }
}

/// A tracing layer that records WARN and ERROR events into a [`Collected`].
pub struct Collector(pub Collected);

struct Message(String);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.0, "{value:?}");
        } else {
            let _ = write!(self.0, " {}={value:?}", field.name());
        }
    }
}

impl<S: Subscriber> Layer<S> for Collector {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let level = *event.metadata().level();
        if level > Level::WARN {
            return;
        }
        let mut message = Message(String::new());
        event.record(&mut message);
        let line = format!("{level} {}: {}", event.metadata().target(), message.0);
        self.0.0.lock().expect("log collector poisoned").push(line);
    }
}
