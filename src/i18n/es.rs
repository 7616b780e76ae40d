use super::Key::{self, *};

pub(super) fn text(key: Key) -> &'static str {
    match key {
        DocumentTitle => "Pagar",
        Loading => "Cargando el cobro…",
        PaymentTo => "Pago a",
        Amount => "Valor",
        Fee => "Comisión",
        Iva => "IVA",
        Total => "Total a pagar",
        ExpiresAt => "Vence",
        PaidTitle => "Este cobro ya está pagado",
        PaidAt => "Pagado el",
        PaidAmount => "Valor pagado",
        ExpiredTitle => "Este enlace de pago venció",
        ExpiredBody => "Ya no se puede pagar. Pide al comercio un enlace nuevo.",
        CancelledTitle => "Este enlace de pago fue cancelado",
        CancelledBody => "El comercio lo canceló; no se hizo ningún cobro.",
        NotFoundTitle => "No encontramos este enlace de pago",
        NotFoundBody => "Revisa la dirección o pide al comercio un enlace nuevo.",
        LoadFailedTitle => "No pudimos cargar el cobro",
        LoadFailedBody => "Revisa tu conexión e inténtalo de nuevo. No se ha hecho ningún cargo.",
        Retry => "Reintentar",
        ProcessingTitle => "Estamos confirmando el estado de este cobro",
        ProcessingBody => "No vuelvas a pagar todavía. Consulta de nuevo en unos minutos.",
        MalformedTitle => "Este enlace de pago no se puede mostrar",
        MalformedBody => "Recibimos datos que no entendemos. No se ha hecho ningún cargo; avisa al comercio.",
        ChooseMethod => "Elige cómo pagar",
        Language => "Idioma",
    }
}
