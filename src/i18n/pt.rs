use super::Key::{self, *};

pub(super) fn text(key: Key) -> &'static str {
    match key {
        DocumentTitle => "Pagar",
        Loading => "Carregando a cobrança…",
        PaymentTo => "Pagamento para",
        Amount => "Valor",
        Fee => "Tarifa",
        Iva => "IVA",
        Total => "Total a pagar",
        ExpiresAt => "Vence",
        PaidTitle => "Esta cobrança já foi paga",
        PaidAt => "Pago em",
        PaidAmount => "Valor pago",
        ExpiredTitle => "Este link de pagamento expirou",
        ExpiredBody => "Não é mais possível pagar. Peça um novo link ao lojista.",
        CancelledTitle => "Este link de pagamento foi cancelado",
        CancelledBody => "O lojista o cancelou; nenhuma cobrança foi feita.",
        NotFoundTitle => "Não encontramos este link de pagamento",
        NotFoundBody => "Confira o endereço ou peça um novo link ao lojista.",
        LoadFailedTitle => "Não conseguimos carregar a cobrança",
        LoadFailedBody => "Verifique sua conexão e tente novamente. Nenhuma cobrança foi feita.",
        Retry => "Tentar novamente",
        ProcessingTitle => "Estamos confirmando a situação desta cobrança",
        ProcessingBody => "Não pague de novo ainda. Consulte novamente em alguns minutos.",
        MalformedTitle => "Este link de pagamento não pode ser exibido",
        MalformedBody => "Recebemos dados que não entendemos. Nenhuma cobrança foi feita; avise o lojista.",
        ChooseMethod => "Escolha como pagar",
        Language => "Idioma",
    }
}
