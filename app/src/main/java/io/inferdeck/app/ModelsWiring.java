package io.inferdeck.app;

import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.engine.EngineControl;
import io.inferdeck.services.engine.EngineService;
import io.inferdeck.services.models.FileManager;
import io.inferdeck.services.models.ModelActions;
import io.inferdeck.services.models.ModelCatalog;
import io.inferdeck.services.models.ModelFolders;
import io.inferdeck.services.models.ModelStores;
import io.inferdeck.services.models.ScanLimits;
import io.inferdeck.services.tuning.TuningService;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.models.ModelsViewModel;
import java.util.Map;

/**
 * The Models page's part of the composition root: the {@link ModelCatalog} scanning on {@code models-io}, the
 * page's actions (inspect, quantize, quant report, reveal) on {@code models-worker}, and the page's view-model fed
 * from the models and engine topics. Owns both threads. The first scan starts at once, so the Tuning page's model
 * picker has the list before anyone opens the Models page.
 */
final class ModelsWiring implements AutoCloseable {
    private final BackgroundExecutor io = BackgroundExecutor.threadPool("models-io", 1);
    private final BackgroundExecutor worker = BackgroundExecutor.threadPool("models-worker", 1);
    private final ModelCatalog catalog;
    private final ModelsViewModel viewModel;

    /** @param env where the other tools' stores are (HOME, XDG_CACHE_HOME, OLLAMA_MODELS, HF_HOME…) */
    ModelsWiring(FxDispatcher dispatcher, LiveBus bus, Map<String, String> env, ModelLibrary library, ModelFolders folders,
                 TuningService tuning, EngineControl engine, FileManager files) {
        catalog = new ModelCatalog(ModelStores.standard(env, library, folders), ScanLimits.DEFAULT, folders, io::execute,
                bus.topic(ModelCatalog.SCANS));
        viewModel = new ModelsViewModel(catalog, new ModelActions(library, tuning, files), engine, worker, dispatcher);
        bus.topic(ModelCatalog.SCANS).subscribe(viewModel::acceptScan);
        bus.topic(EngineService.SNAPSHOTS).subscribe(viewModel::acceptEngine);
        catalog.refresh();
    }

    ModelsViewModel viewModel() {
        return viewModel;
    }

    @Override
    public void close() {
        io.close();
        worker.close();
    }
}
