package org.smartcustoms.tariff;

/** A ranked full-text match against commodity descriptions; higher {@code score} is better (Lucene BM25). */
public record SearchHit(CommodityCode commodity, float score) { }
