package io.inferdeck.gpu.archfixture;

import javafx.beans.property.SimpleIntegerProperty;

/** Deliberately breaks the layering (a service using JavaFX); only ArchitectureTest imports it. */
public final class FxInService {
    final SimpleIntegerProperty used = new SimpleIntegerProperty();
}
