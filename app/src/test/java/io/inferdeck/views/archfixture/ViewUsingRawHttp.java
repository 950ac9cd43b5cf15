package io.inferdeck.views.archfixture;

import java.net.http.HttpClient;

/** Deliberately breaks the layering (raw HTTP in a view); only ArchitectureTest imports it. */
public final class ViewUsingRawHttp {
    HttpClient client;
}
