//! Who is doing a write and on behalf of which request: carried into every audit record.

use serde::{Deserialize, Serialize};

/// The one responsible for a business write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// A signed-in staff user.
    Staff { id: uuid::Uuid, email: String },
    /// A merchant (API key or portal user).
    Merchant { id: String, label: String },
    /// A job or an admin command.
    System { name: String },
}

impl Actor {
    /// The `actor_kind` column value.
    pub fn kind(&self) -> &'static str {
        match self {
            Actor::Staff { .. } => "staff",
            Actor::Merchant { .. } => "merchant",
            Actor::System { .. } => "system",
        }
    }

    /// The `actor_id` column value.
    pub fn id(&self) -> String {
        match self {
            Actor::Staff { id, .. } => id.to_string(),
            Actor::Merchant { id, .. } => id.clone(),
            Actor::System { name } => name.clone(),
        }
    }

    /// A readable label for the audit page.
    pub fn label(&self) -> String {
        match self {
            Actor::Staff { email, .. } => email.clone(),
            Actor::Merchant { label, .. } => label.clone(),
            Actor::System { name } => name.clone(),
        }
    }
}

/// The context of one request or job run.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// Who acts.
    pub actor: Actor,
    /// Correlates logs, the audit log and error responses.
    pub request_id: String,
}

impl Ctx {
    /// A context for work the system does by itself (jobs, start-up, admin commands).
    pub fn system(name: &str) -> Self {
        Ctx {
            actor: Actor::System {
                name: name.to_string(),
            },
            request_id: format!("{name}-{}", uuid::Uuid::new_v4()),
        }
    }
}
