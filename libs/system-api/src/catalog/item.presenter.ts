import { type MoneyView, presentDecimal, presentMoney } from '@o2c/http';
import type { ItemRecord } from './item.repository';

export interface ItemView {
  id: string;
  sku: string;
  description: string;
  baseUom: string;
  currency: string;
  standardCost: MoneyView;
  listPrice: MoneyView;
  productGroup: string | null;
  sellable: boolean;
  conversions: { uom: string; toBase: string }[];
  substitutes: { itemId: string; sku: string; priority: number }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function presentItem({ item, conversions, substitutes }: ItemRecord): ItemView {
  return {
    id: item.id,
    sku: item.sku,
    description: item.description,
    baseUom: item.baseUom,
    currency: item.currency,
    standardCost: presentMoney(item.standardCost, item.currency),
    listPrice: presentMoney(item.listPrice, item.currency),
    productGroup: item.productGroup,
    sellable: item.sellable,
    conversions: conversions.map((conversion) => ({
      uom: conversion.uom,
      toBase: presentDecimal(conversion.toBase),
    })),
    substitutes: substitutes.map((substitute) => ({
      itemId: substitute.substituteItemId,
      sku: substitute.substituteItem?.sku ?? '',
      priority: substitute.priority,
    })),
    version: item.version,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}
