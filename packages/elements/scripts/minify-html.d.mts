export declare function minifyHtmlTemplates(source: string): string;
