package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

/**
 * Keys and values of every layer for the tokens seen so far, [B, Hkv, Tpast, D] each. The arrays
 * live in the cache's own manager, outside any per-step NDScope, and are freed as they are replaced.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;

    public KvCache(NDManager parent, int layers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Tokens already cached. */
    public long length() {
        return keys[0] == null ? 0 : keys[0].getShape().get(2);
    }

    /** Appends new keys and values [B, Hkv, T, D] of one layer and returns all of them. */
    NDArray[] append(int layer, NDArray k, NDArray v) {
        NDArray allK = keys[layer] == null ? k : keys[layer].concat(k, 2);
        NDArray allV = values[layer] == null ? v : values[layer].concat(v, 2);
        replace(layer, keep(allK), keep(allV));
        return new NDArray[] {allK, allV};
    }

    /** Keeps only the batch rows {@code rows} (in that order), as beam search does after each step. */
    public void selectRows(NDArray rows) { // [B'] int64
        for (int i = 0; i < keys.length; i++) {
            replace(i, keep(keys[i].get(rows)), keep(values[i].get(rows)));
        }
    }

    private NDArray keep(NDArray a) {
        NDScope.unregister(a);
        a.attach(manager);
        return a;
    }

    private void replace(int layer, NDArray k, NDArray v) {
        if (keys[layer] != null && keys[layer] != k) {
            keys[layer].close();
            values[layer].close();
        }
        keys[layer] = k;
        values[layer] = v;
    }

    @Override
    public void close() {
        manager.close();
    }
}
