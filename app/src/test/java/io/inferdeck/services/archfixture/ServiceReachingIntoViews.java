package io.inferdeck.services.archfixture;

import io.inferdeck.views.fx.FxDispatcher;

/** Deliberately reaches from a service up into views; only ArchitectureTest imports it. */
public final class ServiceReachingIntoViews {
    FxDispatcher dispatcher;
}
